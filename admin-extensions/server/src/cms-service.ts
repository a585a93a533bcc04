export { cmsService } from '@charte/contract';
