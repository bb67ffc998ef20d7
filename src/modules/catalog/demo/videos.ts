/**
 * Openly licensed films on a public bucket that many players use as test streams. They stand in
 * for lecture recordings, so each video lesson credits the film it plays.
 */
export const DEMO_VIDEOS = {
  bigBuckBunny: {
    url: 'https://commondatastorage.googleapis.com/gtv-videos-bucket/sample/BigBuckBunny.mp4',
    durationSeconds: 596,
    credit: '*Big Buck Bunny* © Blender Foundation, CC BY 3.0',
  },
  elephantsDream: {
    url: 'https://commondatastorage.googleapis.com/gtv-videos-bucket/sample/ElephantsDream.mp4',
    durationSeconds: 653,
    credit: '*Elephants Dream* © Blender Foundation, CC BY 2.5',
  },
  sintel: {
    url: 'https://commondatastorage.googleapis.com/gtv-videos-bucket/sample/Sintel.mp4',
    durationSeconds: 888,
    credit: '*Sintel* © Blender Foundation, CC BY 3.0',
  },
  tearsOfSteel: {
    url: 'https://commondatastorage.googleapis.com/gtv-videos-bucket/sample/TearsOfSteel.mp4',
    durationSeconds: 734,
    credit: '*Tears of Steel* © Blender Foundation, CC BY 3.0',
  },
  flower: {
    url: 'https://interactive-examples.mdn.mozilla.net/media/cc0-videos/flower.mp4',
    durationSeconds: 5,
    credit: '*Flower* (MDN sample media), CC0',
  },
} as const;

export type DemoVideoKey = keyof typeof DEMO_VIDEOS;
