/// <reference lib="dom" />
/** The query console's entry (GraphiQL comes in the next step). */
document.body.textContent = 'console';
