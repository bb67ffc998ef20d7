export interface NavItem {
  to: string;
  label: string;
}

/** The links a visitor sees: the catalog for all, more as roles grant (roles as the API names them). */
export function navigationFor(roles: readonly string[] | undefined): NavItem[] {
  const items: NavItem[] = [{ to: '/', label: 'Catalog' }];
  if (!roles) return [...items, { to: '/sign-in', label: 'Sign in' }];
  items.push({ to: '/my-courses', label: 'My courses' });
  if (roles.includes('instructor') || roles.includes('admin'))
    items.push({ to: '/teach', label: 'Teaching' });
  if (roles.includes('staff') || roles.includes('admin'))
    items.push({ to: '/admin', label: 'Administration' });
  return items;
}
