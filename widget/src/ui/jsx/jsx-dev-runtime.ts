/** Development builds import the same runtime from here. */
export * from './jsx-runtime';
