import { Link, NavLink, Outlet, Route, Routes } from 'react-router';
import { Administration } from '../admin/Administration';
import { RequireSignIn } from '../auth/RequireSignIn';
import { SignIn } from '../auth/SignIn';
import { useSession } from '../auth/session';
import { CourseDetail } from '../catalog/CourseDetail';
import { CourseSearch } from '../catalog/CourseSearch';
import { MyCourses } from '../catalog/MyCourses';
import { Button } from '../design/components';
import { EditCourse } from '../teach/EditCourse';
import { MyTeaching } from '../teach/MyTeaching';
import { navigationFor } from './navigation';

function Layout() {
  const session = useSession();
  return (
    <>
      <header className="layout-header">
        <Link to="/" className="layout-brand">
          Lectern
        </Link>
        <nav aria-label="Main">
          {navigationFor(session.user?.roles).map((item) => (
            <NavLink key={item.to} to={item.to} end>
              {item.label}
            </NavLink>
          ))}
        </nav>
        {session.user && (
          <Button onClick={() => void session.signOut()}>Sign out {session.user.name}</Button>
        )}
      </header>
      <main className="layout-main">
        <Outlet />
      </main>
    </>
  );
}

function NotFound() {
  return (
    <section>
      <h1>Page not found</h1>
      <Link to="/">Back to the catalog</Link>
    </section>
  );
}

export function App() {
  return (
    <Routes>
      <Route element={<Layout />}>
        <Route index element={<CourseSearch />} />
        <Route path="sign-in" element={<SignIn />} />
        <Route path="courses/:slug" element={<CourseDetail />} />
        <Route
          path="my-courses"
          element={
            <RequireSignIn>
              <MyCourses />
            </RequireSignIn>
          }
        />
        <Route
          path="teach"
          element={
            <RequireSignIn>
              <MyTeaching />
            </RequireSignIn>
          }
        />
        <Route
          path="teach/:id"
          element={
            <RequireSignIn>
              <EditCourse />
            </RequireSignIn>
          }
        />
        <Route
          path="admin"
          element={
            <RequireSignIn>
              <Administration />
            </RequireSignIn>
          }
        />
        <Route path="*" element={<NotFound />} />
      </Route>
    </Routes>
  );
}
