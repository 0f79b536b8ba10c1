import { render } from 'preact';
import './i18n';
import './styles.css';
import './ui/components.css';
import { App } from './app';

render(<App />, document.getElementById('app')!);
