import type { DemoCourseSpec } from '../content-types.js';

export const linearAlgebra: DemoCourseSpec = {
  slug: 'linear-algebra-for-data-science',
  title: 'Linear Algebra for Data Science',
  summary:
    'Vectors, matrices and decompositions with the geometric intuition behind them, and how regression, PCA and recommender systems use them.',
  description: `Almost every data-science method is linear algebra underneath: a data set is a
matrix, a model is a transformation, and fitting it is solving a system of equations. This course
builds the intuition first and the notation second.

## What you will learn

- vectors, norms, dot products and what "similar" means for data
- matrices as transformations of space; matrix products
- solving linear systems; rank and the four fundamental subspaces
- eigenvalues, the singular value decomposition and principal component analysis

## Prerequisites

Comfort with high-school algebra. A little Python helps for the exercises (see *Python for
Scientists*).`,
  category: 'mathematics-and-data',
  level: 'intermediate',
  language: 'en',
  tags: ['linear-algebra', 'mathematics', 'data-science', 'machine-learning', 'pca'],
  owner: 1,
  status: 'published',
  highlights: ['the geometric pictures', 'the SVD lesson', 'the PCA walkthrough', 'the exercises'],
  sections: [
    {
      title: 'Vectors and Spaces',
      lessons: [
        { kind: 'video', title: 'Why data science runs on linear algebra', video: 'sintel' },
        {
          kind: 'text',
          title: 'Vectors, norms and dot products',
          body: `# Vectors, norms and dot products

A vector is a list of numbers, and also an arrow. A customer described by age, income and visits
per month is the vector $(34, 52\\,000, 3)$.

- The **norm** $\\lVert x \\rVert = \\sqrt{x \\cdot x}$ is its length.
- The **dot product** $x \\cdot y = \\sum_i x_i y_i = \\lVert x \\rVert \\lVert y \\rVert \\cos\\theta$.
- **Cosine similarity** $\\cos\\theta$ compares directions and ignores lengths: it is how search
  engines compare documents.

Two vectors are **orthogonal** when their dot product is zero.`,
        },
        {
          kind: 'text',
          title: 'Span, independence and bases',
          body: `# Span, independence and bases

The **span** of some vectors is everything you can reach by adding scaled copies of them.
Vectors are **linearly independent** when none of them is in the span of the others.

A **basis** is an independent set that spans the whole space; every basis of $\\mathbb{R}^n$ has
exactly $n$ vectors. Changing basis is changing the coordinates you describe data in, which is
exactly what PCA will do later.`,
        },
      ],
    },
    {
      title: 'Matrices as Transformations',
      lessons: [
        { kind: 'video', title: 'Matrices as functions of space', video: 'elephantsDream' },
        {
          kind: 'text',
          title: 'Matrix multiplication, step by step',
          body: `# Matrix multiplication, step by step

If $A$ is $m \\times n$ and $B$ is $n \\times p$, then $AB$ is $m \\times p$ and

$$(AB)_{ij} = \\sum_{k=1}^{n} A_{ik} B_{kj}.$$

Read $AB$ right to left: first apply $B$, then $A$. Matrix multiplication is associative but
**not commutative**: rotating then scaling is not scaling then rotating.

\`\`\`python
import numpy as np
A = np.array([[1, 2], [0, 1]])
B = np.array([[0, -1], [1, 0]])
print(A @ B)  # [[ 2 -1] [ 1  0]]
\`\`\``,
        },
        {
          kind: 'quiz',
          title: 'Quiz: matrices',
          quiz: {
            title: 'Matrices',
            passPercent: 70,
            questions: [
              {
                prompt: 'A is 3×2 and B is 2×4. What is the shape of AB?',
                kind: 'single',
                explanation: 'The inner dimensions (2) match and disappear: 3×2 times 2×4 is 3×4.',
                options: [
                  { text: '3×4', correct: true },
                  { text: '2×2' },
                  { text: '4×3' },
                  { text: 'AB is not defined' },
                ],
              },
              {
                prompt: 'Which statements hold for every invertible n×n matrix?',
                kind: 'multiple',
                points: 2,
                explanation:
                  'Invertible means full rank, non-zero determinant and independent columns; 0 is never an eigenvalue.',
                options: [
                  { text: 'Its determinant is not zero', correct: true },
                  { text: 'Its columns are linearly independent', correct: true },
                  { text: 'Its rank is n', correct: true },
                  { text: 'It has 0 as an eigenvalue' },
                ],
              },
              {
                prompt: 'What is the dot product of two orthogonal non-zero vectors?',
                kind: 'single',
                explanation: 'cos 90° = 0, so the dot product is 0 whatever the lengths.',
                options: [
                  { text: '0', correct: true },
                  { text: '1' },
                  { text: 'The product of their norms' },
                ],
              },
            ],
          },
        },
      ],
    },
    {
      title: 'Solving Systems',
      lessons: [
        {
          kind: 'text',
          title: 'Gaussian elimination',
          body: `# Gaussian elimination

To solve $Ax = b$, subtract multiples of rows from the rows below until $A$ is upper triangular,
then substitute backwards. Each step is itself a matrix, which is how $A = LU$ arises.

In practice never compute $A^{-1}$ to solve a system: \`np.linalg.solve(A, b)\` is faster and more
accurate. For over-determined systems (more data than unknowns), least squares solves
$A^\\top A x = A^\\top b$: that is linear regression.`,
        },
        { kind: 'video', title: 'Rank and the four fundamental subspaces', video: 'tearsOfSteel' },
      ],
    },
    {
      title: 'Decompositions',
      lessons: [
        {
          kind: 'text',
          title: 'Eigenvalues and eigenvectors',
          body: `# Eigenvalues and eigenvectors

An eigenvector of $A$ keeps its direction: $Av = \\lambda v$. The eigenvalue $\\lambda$ says how
much it is stretched.

- A symmetric matrix (such as a covariance matrix) has real eigenvalues and orthogonal
  eigenvectors.
- Repeatedly applying $A$ pushes any vector towards the eigenvector of the largest $|\\lambda|$:
  that is the **power method**, and the idea behind PageRank.`,
        },
        { kind: 'video', title: 'The singular value decomposition', video: 'bigBuckBunny' },
        {
          kind: 'text',
          title: 'Principal component analysis in practice',
          body: `# Principal component analysis in practice

PCA finds the orthogonal directions along which centred data varies most. With the SVD of the
centred data matrix $X = U \\Sigma V^\\top$, the rows of $V^\\top$ are the principal directions and
$\\sigma_i^2 / (n-1)$ the variances along them.

\`\`\`python
Xc = X - X.mean(axis=0)
U, s, Vt = np.linalg.svd(Xc, full_matrices=False)
explained = s**2 / np.sum(s**2)
X2 = Xc @ Vt[:2].T   # the data in its first two components
\`\`\`

Always scale features with different units before PCA, or the largest unit wins.`,
        },
      ],
    },
  ],
};
