"""The Actieoverleg register (issue 24): meetings, attendance and the process of each case,
without any person in it; the source of the Actieoverleg's measured Uitvoeringsinspanningen."""
