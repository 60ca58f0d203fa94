//! Helpers shared by the lineage integration tests.
#![allow(dead_code)]

pub mod synthetic;
