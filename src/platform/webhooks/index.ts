export { WEBHOOK_DELIVERY_QUEUE, webhooksPlatform } from './plugin.js';
export { signPayload, verifySignature } from './signature.js';
