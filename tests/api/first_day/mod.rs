//! An operator's first day, tried as a new operator would: each rough edge they met, and what
//! they see now.

mod embedding;
mod invitation_rejoin;
mod lifetimes;
mod pages;
mod readme;
mod rehearsal;
mod restarts;
mod startup;
mod typos;
mod words;
