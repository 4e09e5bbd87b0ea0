import { createApp } from 'vue';
import 'vant/lib/index.css';
import App from './App.vue';
import './styles.css';

createApp(App).mount('#app');
