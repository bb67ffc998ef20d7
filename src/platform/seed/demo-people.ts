/** The demo school's people: plausible names from many places, as a real school would have. */
export const DEMO_DOMAIN = 'demo.lectern.school';

export const DEMO_ADMIN = { name: 'Grace Okafor', email: `admin@${DEMO_DOMAIN}` };

export const DEMO_INSTRUCTORS = [
  { name: 'Henrik Lindqvist', email: `henrik.lindqvist@${DEMO_DOMAIN}` },
  { name: 'Priya Raman', email: `priya.raman@${DEMO_DOMAIN}` },
];

export const DEMO_LEARNERS = [
  'Amara Mensah',
  'Lucas Moreau',
  'Sofia Rossi',
  'Kenji Watanabe',
  'Zainab Haddad',
  'Mateo García',
  'Emily Thompson',
  'Oliver Nowak',
  'Aisha Bello',
  'Noah Fischer',
  'Chloé Martin',
  'Daniel Kim',
  'Fatima Al-Sayed',
  'Liam O’Connor',
  'Isabela Costa',
  'Arjun Mehta',
  'Hannah Schmidt',
  'Tomás Silva',
  'Mei Chen',
  'Jakob Novák',
].map((name) => ({ name, email: `${emailLocalPart(name)}@${DEMO_DOMAIN}` }));

function emailLocalPart(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z\s-]/g, '')
    .trim()
    .replace(/[\s-]+/g, '.');
}
