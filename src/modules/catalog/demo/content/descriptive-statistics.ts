import type { DemoCourseSpec } from '../content-types.js';

/** Still being written: the draft shows the publishing workflow (a video lesson has no video yet). */
export const descriptiveStatistics: DemoCourseSpec = {
  slug: 'estadistica-descriptiva',
  title: 'Estadística descriptiva',
  summary:
    'Resume, visualiza y compara datos con medidas de tendencia central y de dispersión, usando una hoja de cálculo.',
  description: `Un primer curso de estadística para quien trabaja con datos en una hoja de cálculo.

## Qué aprenderás

- distinguir tipos de variables
- calcular media, mediana, moda, varianza y desviación típica
- elegir el gráfico adecuado para cada tipo de dato`,
  category: 'mathematics-and-data',
  level: 'beginner',
  language: 'es',
  tags: ['estadistica', 'statistics', 'spreadsheets'],
  owner: 1,
  status: 'draft',
  highlights: [],
  sections: [
    {
      title: 'Datos y variables',
      lessons: [
        {
          kind: 'text',
          title: 'Tipos de variables',
          body: `# Tipos de variables

- **Cualitativas**: nominales (color de ojos) u ordinales (nivel de estudios).
- **Cuantitativas**: discretas (número de hijos) o continuas (altura, temperatura).

El tipo de variable decide qué medidas y qué gráficos tienen sentido.`,
        },
        {
          kind: 'video',
          title: 'Media, mediana y moda',
          video: null,
          notes: 'Grabación pendiente.',
        },
      ],
    },
    {
      title: 'Dispersión',
      lessons: [
        {
          kind: 'text',
          title: 'Varianza y desviación típica',
          body: `# Varianza y desviación típica

La **varianza** es la media de los cuadrados de las desviaciones respecto a la media; la
**desviación típica** es su raíz cuadrada y se expresa en las unidades de los datos.

En una hoja de cálculo: \`=VAR.S(A2:A101)\` y \`=DESVEST.M(A2:A101)\`.`,
        },
        {
          kind: 'text',
          title: 'Rango intercuartílico',
          body: '# Rango intercuartílico\n\n*Borrador.*',
        },
      ],
    },
    {
      title: 'Gráficos',
      lessons: [
        {
          kind: 'text',
          title: 'Histogramas y diagramas de caja',
          body: '# Histogramas\n\n*Borrador.*',
        },
        { kind: 'video', title: 'Gráficos en la hoja de cálculo', video: null },
      ],
    },
  ],
};
