import { z } from 'zod';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import './style.css';

z.config({ jitless: true }); // MV3 extension pages forbid eval

const root = document.getElementById('root');
if (root) createRoot(root).render(<App />);
