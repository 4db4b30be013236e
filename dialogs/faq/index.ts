/** The FAQ feature: answers from the knowledge base, "did you mean", no match, 👍/👎. */
export { faqDialog, faqDialogId } from './faq-dialog.js';
