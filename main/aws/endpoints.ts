/**
 * Per-service endpoint URLs for a profile. The SDK applies a profile's `endpoint_url` and `services`
 * section only when that profile is selected through AWS_PROFILE (research/toolchain.md), so an app
 * that holds several profiles at once resolves them itself, in the SDK's order of precedence:
 * AWS_ENDPOINT_URL_<SERVICE>, AWS_ENDPOINT_URL, the profile's services section, its endpoint_url.
 */
import type { ParsedIniData } from '@smithy/shared-ini-file-loader';
import { booleanSetting } from './sdk-env.js';

/** The services Porthole calls, by the key the config file's `services` section uses. */
export const SERVICE_KEYS = ['ecs', 'ssm', 'ec2', 'kms', 'sts', 'iam'] as const;
export type ServiceKey = (typeof SERVICE_KEYS)[number];
/** IAM Identity Center's portal and OIDC endpoints (AWS_ENDPOINT_URL_SSO, AWS_ENDPOINT_URL_SSO_OIDC). */
export const SSO_ENDPOINT_KEYS = ['sso', 'sso_oidc'] as const;
export type EndpointKey = ServiceKey | (typeof SSO_ENDPOINT_KEYS)[number];

export type EndpointSource = 'env-service' | 'env-global' | 'services-section' | 'profile';
export interface ResolvedEndpoint {
  readonly url: string;
  readonly source: EndpointSource;
}
export type EndpointMap = Readonly<Partial<Record<EndpointKey, ResolvedEndpoint>>>;

type Section = Readonly<Record<string, string | undefined>>;
type Env = Readonly<Record<string, string | undefined>>;

/** One service's endpoint, or undefined for the SDK's regional default. */
export function resolveEndpoint(service: EndpointKey, profile: Section, servicesSection: Section | undefined, env: Env): ResolvedEndpoint | undefined {
  const perService = env[`AWS_ENDPOINT_URL_${service.toUpperCase()}`];
  if (perService) return { url: perService, source: 'env-service' };
  if (env.AWS_ENDPOINT_URL) return { url: env.AWS_ENDPOINT_URL, source: 'env-global' };
  const fromSection = servicesSection?.[`${service}.endpoint_url`];
  if (fromSection) return { url: fromSection, source: 'services-section' };
  if (profile.endpoint_url) return { url: profile.endpoint_url, source: 'profile' };
  return undefined;
}

/** Every service's endpoint for a profile section; a `services` name with no section is reported, not thrown. */
export function resolveProfileEndpoints(profile: Section, config: ParsedIniData, env: Env): { endpoints: EndpointMap; problem: string | null } {
  // The documented opt-out (env or profile) makes every service use its regional default. As in
  // the SDK, a value other than exactly true/false is skipped for the next source, then false.
  const ignore = booleanSetting(env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS) ?? booleanSetting(profile.ignore_configured_endpoint_urls) ?? false;
  if (ignore) return { endpoints: {}, problem: null };
  let servicesSection: Section | undefined;
  let problem: string | null = null;
  if (profile.services) {
    servicesSection = config[`services.${profile.services}`];
    if (!servicesSection) problem = `The services section "${profile.services}" named by the profile is not in the config file.`;
  }
  const endpoints: Partial<Record<EndpointKey, ResolvedEndpoint>> = {};
  for (const key of [...SERVICE_KEYS, ...SSO_ENDPOINT_KEYS]) {
    const ep = resolveEndpoint(key, profile, servicesSection, env);
    if (ep) endpoints[key] = ep;
  }
  return { endpoints, problem };
}
