import { render } from 'preact';
import { ready } from './i18n';
import './styles.css';
import './ui/components.css';
import { App } from './app';

// The strings of the language shown are a chunk of their own: render once they are here.
// Should the chunk fail to arrive, the app still starts (and shows what it can) rather than a blank page.
void ready.catch(() => undefined).then(() => render(<App />, document.getElementById('app')!));
