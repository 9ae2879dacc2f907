export default function Page() {
  return (
    <main>
      <h1>A blank Next.js page</h1>
      <p>No data, no client components: only React and the App Router.</p>
    </main>
  );
}
