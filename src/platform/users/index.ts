export { toUserDto, type UserDto } from './dto.js';
export { usersPlugin } from './plugin.js';
export { assertStrongPassword, createUser, type NewUser } from './service.js';
