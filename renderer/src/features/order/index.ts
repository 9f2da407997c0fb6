// What an order's views offer the rest of the console.
export { NewOrderDialog } from './NewOrderDialog.js';
export { OrderDetails } from './OrderDetails.js';
export { LateBooking } from './LateBooking.js';
export { ServiceReportView } from './ServiceReportView.js';
