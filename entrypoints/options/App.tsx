export function App() {
  return <main>Baton</main>;
}
