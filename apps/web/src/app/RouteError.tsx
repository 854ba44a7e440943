import { isRouteErrorResponse, useRouteError } from 'react-router';
import { ErrorState } from '../components/States';

export function RouteError() {
  const err = useRouteError();
  // A failed chunk load after a deploy: reloading fetches the new file names.
  const stale =
    err instanceof Error && /dynamically imported module|Importing a module script failed/i.test(err.message);
  if (isRouteErrorResponse(err) && err.status === 404) return <ErrorState notFound />;
  return (
    <ErrorState error={err} onRetry={stale ? () => window.location.reload() : () => window.history.back()} />
  );
}
