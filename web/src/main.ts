import { createApp } from 'vue'
import ElementPlus from 'element-plus'
import 'element-plus/dist/index.css'
import './styles/index.css'
import App from './App.vue'
import { i18n, currentLocale } from './i18n'
import { router } from './router'

document.documentElement.lang = currentLocale()

createApp(App).use(i18n).use(router).use(ElementPlus).mount('#app')
