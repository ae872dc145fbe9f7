// Fills the access date of a briefing's reference with today's date, as the reader's browser
// knows it; without JavaScript the reference keeps "[date you read it]" for them to write.
const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
  "September", "October", "November", "December"];
const today = new Date();
for (const field of document.querySelectorAll(".citation .access-date")) {
  field.textContent = `${today.getDate()} ${MONTHS[today.getMonth()]} ${today.getFullYear()}`;
}
