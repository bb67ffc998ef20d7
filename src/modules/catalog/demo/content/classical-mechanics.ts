import type { DemoCourseSpec } from '../content-types.js';

export const classicalMechanics: DemoCourseSpec = {
  slug: 'classical-mechanics',
  title: 'Classical Mechanics',
  summary:
    'Newtonian, Lagrangian and orbital mechanics at university level: oscillations, conservation laws, symmetries and central forces.',
  description: `Classical mechanics is the foundation on which the rest of physics is built,
and the place where its most powerful ideas (least action, symmetry and conservation) first
appear.

## What you will learn

- apply energy methods to Newtonian problems
- solve damped and driven oscillators, and recognise resonance
- write Lagrangians in generalised coordinates and derive equations of motion
- connect symmetries to conservation laws (Noether's theorem)
- reduce the two-body problem and classify orbits with the effective potential

## Prerequisites

First-year calculus (ordinary differential equations) and introductory physics.`,
  category: 'natural-sciences',
  level: 'advanced',
  language: 'en',
  tags: ['physics', 'mechanics', 'lagrangian', 'differential-equations'],
  owner: 0,
  status: 'published',
  highlights: [
    'the worked pendulum example',
    'the Noether lecture',
    'the problem sets',
    'the orbit simulations',
  ],
  sections: [
    {
      title: 'Newtonian Mechanics',
      lessons: [
        { kind: 'video', title: 'Review: Newton’s laws', video: 'elephantsDream' },
        {
          kind: 'text',
          title: 'Work, energy and conservative forces',
          body: `# Work, energy and conservative forces

A force is **conservative** when the work it does between two points does not depend on the
path; then $F = -\\nabla V$ for a potential energy $V$, and

$$E = T + V = \\tfrac{1}{2} m v^2 + V(x)$$

is conserved. Gravity and ideal springs are conservative; friction is not.

Energy methods often skip the differential equation: a bead sliding from height $h$ without
friction reaches speed $v = \\sqrt{2 g h}$ whatever the shape of the wire.`,
        },
      ],
    },
    {
      title: 'Oscillations',
      lessons: [
        {
          kind: 'text',
          title: 'The simple harmonic oscillator',
          body: `# The simple harmonic oscillator

A mass $m$ on a spring of stiffness $k$ obeys $m\\ddot{x} = -kx$, whose solution is

$$x(t) = A\\cos(\\omega_0 t + \\varphi), \\qquad \\omega_0 = \\sqrt{k/m},$$

with period $T = 2\\pi\\sqrt{m/k}$, independent of the amplitude. Near any stable equilibrium a
potential is approximately quadratic, which is why oscillators are everywhere in physics.`,
        },
        { kind: 'video', title: 'Damped and driven oscillations', video: 'tearsOfSteel' },
        {
          kind: 'quiz',
          title: 'Quiz: oscillations and conservation laws',
          quiz: {
            title: 'Oscillations and conservation laws',
            passPercent: 75,
            questions: [
              {
                prompt: 'What is the period of a mass m on a spring of stiffness k?',
                kind: 'single',
                explanation: 'ω₀ = √(k/m), so T = 2π/ω₀ = 2π√(m/k).',
                options: [
                  { text: '2π√(m/k)', correct: true },
                  { text: '2π√(k/m)' },
                  { text: '√(m/k)/2π' },
                  { text: 'It depends on the amplitude' },
                ],
              },
              {
                prompt:
                  'A particle moves in a conservative central force field. Which quantities are conserved?',
                kind: 'multiple',
                points: 2,
                explanation:
                  'A central force exerts no torque about the centre (angular momentum) and is conservative here (energy); it changes the linear momentum.',
                options: [
                  { text: 'Angular momentum about the centre', correct: true },
                  { text: 'Total mechanical energy', correct: true },
                  { text: 'Linear momentum' },
                  { text: 'Kinetic energy' },
                ],
              },
              {
                prompt: 'In Lagrangian mechanics, L is',
                kind: 'single',
                explanation: 'L = T − V, kinetic minus potential energy.',
                options: [{ text: 'T − V', correct: true }, { text: 'T + V' }, { text: 'V − T' }],
              },
              {
                prompt: 'An oscillator with damping ratio ζ > 1 is',
                kind: 'single',
                explanation:
                  'With ζ > 1 it returns to equilibrium without oscillating: overdamped.',
                options: [
                  { text: 'underdamped' },
                  { text: 'critically damped' },
                  { text: 'overdamped', correct: true },
                ],
              },
            ],
          },
        },
      ],
    },
    {
      title: 'Lagrangian Mechanics',
      lessons: [
        {
          kind: 'text',
          title: 'Generalised coordinates and least action',
          body: `# Generalised coordinates and least action

Choose any coordinates $q_i$ that fix the configuration, write $L(q, \\dot q, t) = T - V$, and
the motion makes the action $S = \\int L \\, dt$ stationary. This gives the Euler–Lagrange
equations

$$\\frac{d}{dt}\\frac{\\partial L}{\\partial \\dot q_i} - \\frac{\\partial L}{\\partial q_i} = 0.$$

Constraint forces (the tension of a string, the normal force of a surface) never appear: that
is the method's great economy.`,
        },
        {
          kind: 'text',
          title: 'Worked example: the simple pendulum',
          body: `# Worked example: the simple pendulum

With the angle $\\theta$ as coordinate, $T = \\tfrac12 m l^2 \\dot\\theta^2$ and
$V = -m g l \\cos\\theta$, so

$$m l^2 \\ddot\\theta + m g l \\sin\\theta = 0 \\quad\\Rightarrow\\quad \\ddot\\theta = -\\frac{g}{l}\\sin\\theta.$$

For small angles $\\sin\\theta \\approx \\theta$ and the pendulum is a harmonic oscillator with
$\\omega_0 = \\sqrt{g/l}$. No tension was computed.`,
        },
        { kind: 'video', title: 'Symmetries and Noether’s theorem', video: 'sintel' },
      ],
    },
    {
      title: 'Central Forces and Orbits',
      lessons: [
        {
          kind: 'text',
          title: 'Reducing the two-body problem',
          body: `# Reducing the two-body problem

Two bodies interacting through a central force move like one body of **reduced mass**
$\\mu = m_1 m_2/(m_1 + m_2)$ around their fixed centre of mass. Angular momentum $\\ell$ is
conserved, so the motion is planar, and the radial equation involves the **effective potential**

$$V_\\text{eff}(r) = V(r) + \\frac{\\ell^2}{2 \\mu r^2}.$$`,
        },
        { kind: 'video', title: 'Effective potential and orbits', video: 'bigBuckBunny' },
      ],
    },
  ],
};
