import { Link } from 'react-router-dom';
import { useLegalNotice } from '../lib/legal';

/**
 * The short information notice of RGPD article 13, beside the fields of a form that collects
 * personal data; the full policy is one link away. Its text is the form's `notice` in config/legal.yaml.
 */
export function PrivacyNotice({ treatment, id }: { treatment: 'complaint' | 'survey'; id?: string }) {
  const legal = useLegalNotice();
  const notice = legal.data?.treatments[treatment]?.notice;
  return (
    <div className="privacy-notice" id={id}>
      <h2>Vos données personnelles</h2>
      {/* While the text loads (or if it cannot), the link alone still leads to the policy. */}
      {notice && <p>{notice}</p>}
      <p>
        <Link to="/confidentialite">En savoir plus sur vos données et vos droits</Link>
      </p>
    </div>
  );
}
