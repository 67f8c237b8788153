/// <reference types="vitest/config" />
import { defineConfig } from 'vite'
import vue from '@vitejs/plugin-vue'

// The Zhenxing server serves the built files from web/dist and answers /api/v1/* itself. During
// development the Vite dev server forwards the API to a running server (ZX_API_TARGET, default
// http://127.0.0.1:8080).
const apiTarget = process.env.ZX_API_TARGET || 'http://127.0.0.1:8080'

export default defineConfig({
  base: '/',
  plugins: [vue()],
  define: {
    __VUE_OPTIONS_API__: 'true',
    __VUE_PROD_DEVTOOLS__: 'false',
    __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false',
    __VUE_I18N_FULL_INSTALL__: 'true',
    __VUE_I18N_LEGACY_API__: 'false',
    __INTLIFY_PROD_DEVTOOLS__: 'false',
    __INTLIFY_DROP_MESSAGE_COMPILER__: 'false',
  },
  server: {
    host: '127.0.0.1',
    port: 5173,
    proxy: {
      '/api': { target: apiTarget, changeOrigin: false },
      '/healthz': { target: apiTarget, changeOrigin: false },
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2020',
    sourcemap: false,
    // Element Plus is imported whole and lands in its own chunk of about 1 MB (≈300 kB gzip).
    chunkSizeWarningLimit: 1100,
    rollupOptions: {
      output: {
        manualChunks(id: string) {
          if (!id.includes('node_modules')) return undefined
          if (/[\/]node_modules[\/](echarts|zrender|tslib)[\/]/.test(id)) return 'echarts'
          if (id.includes('/node_modules/@element-plus/icons-vue/')) return 'element-icons'
          if (
            id.includes('/node_modules/element-plus/') ||
            id.includes('/node_modules/@floating-ui/') ||
            id.includes('/node_modules/@popperjs/') ||
            id.includes('/node_modules/@sxzz/') ||
            id.includes('/node_modules/@ctrl/') ||
            id.includes('/node_modules/async-validator/') ||
            id.includes('/node_modules/dayjs/') ||
            id.includes('/node_modules/lodash') ||
            id.includes('/node_modules/@vueuse/') ||
            id.includes('/node_modules/memoize-one/') ||
            id.includes('/node_modules/normalize-wheel-es/')
          )
            return 'element-plus'
          if (
            id.includes('/node_modules/vue-i18n/') ||
            id.includes('/node_modules/@intlify/')
          )
            return 'vue-i18n'
          if (id.includes('/node_modules/@vue/') || id.includes('/node_modules/vue/') || id.includes('/node_modules/vue-router/'))
            return 'vue'
          return 'vendor'
        },
      },
    },
  },
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
  },
})
