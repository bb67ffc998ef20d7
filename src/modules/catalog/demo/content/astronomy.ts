import type { DemoCourseSpec } from '../content-types.js';

export const astronomy: DemoCourseSpec = {
  slug: 'introduction-to-astronomy',
  title: 'Introduction to Astronomy',
  summary:
    'Read the night sky, understand what telescopes really do and follow the life of stars, from the Solar System to the Milky Way.',
  description: `Astronomy is the oldest of the sciences and still one of the most active. This course
takes you from naked-eye observing to the physics that explains what we see.

## What you will learn

- find your way around the sky with the celestial sphere and the constellations
- explain what light tells astronomers about temperature, composition and motion
- choose and use a small telescope
- apply Kepler's laws to the planets of the Solar System
- follow a star from its birth in a molecular cloud to its end as a white dwarf, neutron star or black hole

## Prerequisites

School mathematics (powers of ten, simple algebra). No equipment is needed: a clear night and a
star chart are enough for the observing tasks.`,
  category: 'natural-sciences',
  level: 'beginner',
  language: 'en',
  tags: ['astronomy', 'physics', 'observing', 'solar-system'],
  owner: 0,
  status: 'published',
  highlights: [
    'the celestial sphere',
    'Kepler’s laws',
    'the observing projects',
    'stellar evolution',
  ],
  sections: [
    {
      title: 'The Sky Above Us',
      lessons: [
        {
          kind: 'video',
          title: 'Welcome: how this course works',
          video: 'bigBuckBunny',
          notes: 'Keep a notebook for the observing tasks: date, time, place and what you saw.',
        },
        {
          kind: 'text',
          title: 'The celestial sphere',
          body: `# The celestial sphere

Before telescopes, astronomers imagined the stars fixed on a huge sphere turning around the
Earth once a day. We know the picture is wrong, yet it remains the most useful way to **locate
objects in the sky**.

- The **celestial equator** is the Earth's equator projected onto the sky.
- The **celestial poles** lie above the Earth's poles; Polaris sits within a degree of the north one.
- **Right ascension** (hours) and **declination** (degrees) locate a star the way longitude and
  latitude locate a city.

The Sun moves along the **ecliptic**, tilted 23.4° to the equator: that tilt gives us seasons.

> Task: tonight, find Polaris and estimate its height above the horizon with your fist at arm's
> length (about 10°). It equals your latitude.`,
        },
        {
          kind: 'text',
          title: 'Constellations and asterisms',
          body: `# Constellations and asterisms

The International Astronomical Union divides the sky into **88 constellations** with official
borders, like countries on a map. Familiar patterns such as the *Plough* (the Big Dipper) are
**asterisms**: parts of a constellation, here Ursa Major.

Star-hopping uses bright patterns as signposts:

1. follow the two "pointer" stars of the Plough to Polaris;
2. follow the arc of its handle to Arcturus;
3. "speed on" to Spica.

Stars in a constellation are rarely neighbours: they only lie in the same direction.`,
        },
      ],
    },
    {
      title: 'Light and Telescopes',
      lessons: [
        { kind: 'video', title: 'What light tells us', video: 'elephantsDream' },
        {
          kind: 'text',
          title: 'Refractors, reflectors and aperture',
          body: `# Refractors, reflectors and aperture

A telescope is a **light bucket**. What matters most is its **aperture**, the diameter of the lens
or mirror: light grasp grows with the square of it, so a 200 mm mirror collects four times the
light of a 100 mm one.

| type | optics | strengths |
| --- | --- | --- |
| refractor | lens | sharp, low maintenance |
| Newtonian reflector | mirror | most aperture per euro |
| Schmidt–Cassegrain | mirror + corrector | compact, long focal length |

Magnification is the focal length of the telescope divided by that of the eyepiece. It is the
least important number on the box.`,
        },
        {
          kind: 'video',
          title: 'Choosing a first telescope',
          video: 'flower',
          notes: 'A pair of 10×50 binoculars is still the best first instrument for most people.',
        },
      ],
    },
    {
      title: 'The Solar System',
      lessons: [
        {
          kind: 'text',
          title: 'Kepler’s three laws',
          body: `# Kepler's three laws

Using Tycho Brahe's measurements of Mars, Johannes Kepler found three rules (1609–1619):

1. Planets move on **ellipses** with the Sun at one focus.
2. A line from the Sun to a planet sweeps out **equal areas in equal times**: planets move fastest
   near perihelion.
3. The square of the orbital period is proportional to the cube of the semi-major axis:
   $T^2 \\propto a^3$. In years and astronomical units, $T^2 = a^3$.

Example: Mars orbits at 1.52 AU, so $T = 1.52^{3/2} \\approx 1.88$ years.`,
        },
        { kind: 'video', title: 'A tour of the planets', video: 'sintel' },
        {
          kind: 'quiz',
          title: 'Check your understanding: the Solar System',
          quiz: {
            title: 'The Solar System',
            passPercent: 60,
            questions: [
              {
                prompt:
                  'Which law says that the line joining a planet and the Sun sweeps out equal areas in equal times?',
                kind: 'single',
                explanation:
                  'Kepler’s second law: a planet moves faster near the Sun and slower far from it.',
                options: [
                  { text: 'Kepler’s first law' },
                  { text: 'Kepler’s second law', correct: true },
                  { text: 'Kepler’s third law' },
                  { text: 'Newton’s law of universal gravitation' },
                ],
              },
              {
                prompt: 'Which of these are rocky (terrestrial) planets?',
                kind: 'multiple',
                points: 2,
                explanation:
                  'Mercury, Venus, Earth and Mars are rocky; Jupiter and Neptune are giant planets.',
                options: [
                  { text: 'Mercury', correct: true },
                  { text: 'Venus', correct: true },
                  { text: 'Jupiter' },
                  { text: 'Mars', correct: true },
                  { text: 'Neptune' },
                ],
              },
              {
                prompt: 'What mainly decides how much light a telescope collects?',
                kind: 'single',
                explanation: 'Light grasp grows with the area of the aperture.',
                options: [
                  { text: 'Its focal length' },
                  { text: 'The diameter of its lens or mirror', correct: true },
                  { text: 'Its magnification' },
                  { text: 'The eyepiece' },
                ],
              },
              {
                prompt: 'About how long does sunlight take to reach the Earth?',
                kind: 'single',
                explanation: '1 AU is about 150 million km; at the speed of light that is 499 s.',
                options: [
                  { text: '8 seconds' },
                  { text: '8 minutes', correct: true },
                  { text: '8 hours' },
                ],
              },
            ],
          },
        },
      ],
    },
    {
      title: 'Stars and Galaxies',
      lessons: [
        {
          kind: 'text',
          title: 'The life cycle of a star',
          body: `# The life cycle of a star

A star's **mass** decides its life.

- **Birth**: a cold molecular cloud collapses; when the core reaches about 10 million K, hydrogen
  fusion starts and a main-sequence star is born.
- **Main sequence**: the Sun will spend about 10 billion years here; a 20-solar-mass star only
  about 10 million.
- **Old age**: the core runs out of hydrogen and the star swells into a red giant.
- **End**: low-mass stars shed planetary nebulae and leave **white dwarfs**; massive stars explode
  as **supernovae**, leaving **neutron stars** or **black holes**.

The iron in your blood was made in such explosions.`,
        },
        { kind: 'video', title: 'Our place in the Milky Way', video: 'tearsOfSteel' },
        {
          kind: 'text',
          title: 'Observing projects and further reading',
          body: `# Observing projects and further reading

Pick one project for the coming month:

1. **Moon diary**: sketch the terminator every clear evening for two weeks.
2. **Jupiter's moons**: note the positions of the four Galilean moons on five nights.
3. **Variable star**: compare Algol with nearby stars during one of its eclipses.

Further reading: *Turn Left at Orion* (Consolmagno & Davis), *Cosmos* (Sagan), and the free
sky atlas at [stellarium.org](https://stellarium.org).`,
        },
      ],
    },
  ],
};
