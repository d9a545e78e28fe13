//! A realistic, deterministic demo journal for newcomers.
