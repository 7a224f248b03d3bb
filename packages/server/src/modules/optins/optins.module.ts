import { defineModule } from '../../gateway-module.js';
import { OptInAppIdResolver } from './app-id.resolver.js';
import { OptInAppIdService } from './app-id.service.js';
import { BrandResolver } from './brand.resolver.js';
import { BrandService } from './brand.service.js';
import { DeploymentTypeResolver } from './deployment-type.resolver.js';
import { DeploymentTypeService } from './deployment-type.service.js';
import { OptInSubmissionResolver } from './optin-submission.resolver.js';
import { OptInResolver } from './optin.resolver.js';
import { OptInService } from './optin.service.js';

export const optInsModule = defineModule({
  name: 'optins',
  services: ({ now }: { now: () => Date }) => {
    const brands = new BrandService();
    return {
      brands,
      deploymentTypes: new DeploymentTypeService(brands),
      optInAppIds: new OptInAppIdService(),
      optIns: new OptInService(now),
    };
  },
  resolvers: (s) => [
    new BrandResolver(s.brands),
    new DeploymentTypeResolver(s.deploymentTypes),
    new OptInAppIdResolver(s.optInAppIds),
    new OptInResolver(s.optIns),
    new OptInSubmissionResolver(s.optIns),
  ],
});
