/**
 * React without JSX (the project's TypeScript config compiles no JSX): h(type, props, ...kids)
 * is React.createElement, typed the same way.
 */
export { createElement as h, Fragment } from 'react';
