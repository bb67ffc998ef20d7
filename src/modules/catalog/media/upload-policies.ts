import type { Config } from '#platform/config/index.js';
import type { UploadPolicy } from '#platform/storage/index.js';
import { CoverUploadFields, VideoUploadFields } from './schemas.js';

export const VIDEO_TYPES = ['video/mp4', 'video/webm', 'video/ogg', 'video/quicktime'] as const;
export const IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/webp'] as const;
export const COVER_MAX_BYTES = 5 * 1024 * 1024;

export interface MediaPolicies {
  video: UploadPolicy<typeof VideoUploadFields>;
  cover: UploadPolicy<typeof CoverUploadFields>;
}

/** `UPLOAD_MAX_BYTES` caps every upload; covers are images and stay small besides. */
export function mediaPolicies(config: Config): MediaPolicies {
  return {
    video: {
      maxBytes: config.UPLOAD_MAX_BYTES,
      contentTypes: VIDEO_TYPES,
      fields: VideoUploadFields,
    },
    cover: {
      maxBytes: Math.min(COVER_MAX_BYTES, config.UPLOAD_MAX_BYTES),
      contentTypes: IMAGE_TYPES,
      fields: CoverUploadFields,
    },
  };
}
