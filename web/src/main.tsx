import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app';
import { renewAtStart } from './lib/api';
import { i18nReady } from './lib/i18n';

void renewAtStart();
// The first render waits for the language's catalogue, so no page ever shows a raw message key.
void i18nReady.then(() =>
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <App />
    </StrictMode>,
  ),
);
