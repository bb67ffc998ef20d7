import { Type } from 'typebox';

export const InstructorParams = Type.Object({
  id: Type.String({ format: 'uuid' }),
  userId: Type.String({ format: 'uuid' }),
});

export const AddInstructorBody = Type.Object(
  { userId: Type.String({ format: 'uuid', description: 'a user with the instructor role' }) },
  { additionalProperties: false },
);
