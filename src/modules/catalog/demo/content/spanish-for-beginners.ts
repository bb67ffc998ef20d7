import type { DemoCourseSpec } from '../content-types.js';

export const spanishForBeginners: DemoCourseSpec = {
  slug: 'spanish-for-beginners',
  title: 'Spanish for Beginners',
  summary:
    'Greet people, order in a café, ask the way and talk about your day: the first steps in Spanish, with plenty of listening practice.',
  description: `¡Bienvenidos! This course takes you from zero to simple everyday conversations in
Spanish (CEFR level A1). Every unit mixes short explanations, listening practice and a
speaking task.

## What you will learn

- pronounce Spanish sounds and read words aloud correctly
- greet people, introduce yourself and ask simple questions
- nouns, articles and gender; *ser* and *estar*
- numbers, prices and telling the time
- the present tense of regular verbs

## How to study

Twenty minutes a day beats two hours on Sunday. Say every example aloud.`,
  category: 'languages',
  level: 'beginner',
  language: 'en',
  tags: ['spanish', 'languages', 'a1', 'conversation'],
  owner: 1,
  status: 'published',
  highlights: [
    'the listening practice',
    'the pronunciation video',
    'the ser/estar explanation',
    'the speaking tasks',
  ],
  sections: [
    {
      title: '¡Hola! First Steps',
      lessons: [
        { kind: 'video', title: 'The sounds of Spanish', video: 'flower' },
        {
          kind: 'text',
          title: 'Greetings and introductions',
          body: `# Greetings and introductions

| Spanish | English |
| --- | --- |
| ¡Hola! | Hello! |
| Buenos días | Good morning |
| Buenas tardes | Good afternoon |
| ¿Cómo te llamas? | What's your name? |
| Me llamo Ana. | My name is Ana. |
| Mucho gusto. | Nice to meet you. |

Use **tú** with friends and people your age, **usted** with people you address formally.

> Speaking task: record yourself introducing yourself in three sentences.`,
        },
      ],
    },
    {
      title: 'Everyday Grammar',
      lessons: [
        {
          kind: 'text',
          title: 'Nouns, articles and gender',
          body: `# Nouns, articles and gender

Every Spanish noun is masculine or feminine. Most nouns ending in **-o** are masculine, most
ending in **-a** are feminine.

| | masculine | feminine |
| --- | --- | --- |
| the | el libro, los libros | la mesa, las mesas |
| a / some | un libro, unos libros | una mesa, unas mesas |

Watch the exceptions: *el día*, *el mapa*, *la mano*.`,
        },
        {
          kind: 'text',
          title: 'Ser and estar',
          body: `# Ser and estar

Both mean "to be".

- **ser**: identity, origin, profession, time. *Soy Ana. Soy de Sevilla. Son las tres.*
- **estar**: location and temporary states. *Estoy en casa. Estoy cansada.*

Compare: *Es aburrido* (he is boring) and *Está aburrido* (he is bored).`,
        },
        {
          kind: 'quiz',
          title: 'Quiz: first steps',
          quiz: {
            title: 'First steps',
            passPercent: 60,
            questions: [
              {
                prompt: 'How do you say “Good morning”?',
                kind: 'single',
                explanation: '“Buenos días”; “buenas noches” is good evening or good night.',
                options: [
                  { text: 'Buenos días', correct: true },
                  { text: 'Buenas noches' },
                  { text: 'Hasta luego' },
                ],
              },
              {
                prompt: 'Which article goes with “mesa”?',
                kind: 'single',
                explanation: '“Mesa” ends in -a and is feminine: la mesa.',
                options: [{ text: 'el' }, { text: 'la', correct: true }, { text: 'los' }],
              },
              {
                prompt: 'In which of these situations do you use “estar”?',
                kind: 'multiple',
                points: 2,
                explanation:
                  'Estar is for location and temporary states; ser for profession and origin.',
                options: [
                  { text: 'Saying where you are', correct: true },
                  { text: 'Saying how you feel today', correct: true },
                  { text: 'Saying what your job is' },
                  { text: 'Saying where you are from' },
                ],
              },
              {
                prompt: '“Yo hablo” is a form of which verb?',
                kind: 'single',
                explanation: 'Hablar (to speak): yo hablo, tú hablas, él habla…',
                options: [{ text: 'hablar', correct: true }, { text: 'haber' }, { text: 'hacer' }],
              },
            ],
          },
        },
      ],
    },
    {
      title: 'Around Town',
      lessons: [
        { kind: 'video', title: 'Asking for directions', video: 'elephantsDream' },
        {
          kind: 'text',
          title: 'Numbers, prices and time',
          body: `# Numbers, prices and time

1 uno · 2 dos · 3 tres · 4 cuatro · 5 cinco · 6 seis · 7 siete · 8 ocho · 9 nueve · 10 diez

- ¿Cuánto cuesta? — Cuesta tres euros con cincuenta.
- ¿Qué hora es? — Es la una. / Son las cinco y media.

Note *es la una* (one o'clock) but *son las dos* (two o'clock).`,
        },
      ],
    },
    {
      title: 'Talking About Your Day',
      lessons: [
        {
          kind: 'text',
          title: 'Present tense of regular verbs',
          body: `# Present tense of regular verbs

| | hablar | comer | vivir |
| --- | --- | --- | --- |
| yo | hablo | como | vivo |
| tú | hablas | comes | vives |
| él / ella / usted | habla | come | vive |
| nosotros | hablamos | comemos | vivimos |
| ellos / ustedes | hablan | comen | viven |

*Por la mañana trabajo, por la tarde estudio español y por la noche ceno con mi familia.*`,
        },
        { kind: 'video', title: 'A day in Madrid: listening practice', video: 'sintel' },
      ],
    },
  ],
};
