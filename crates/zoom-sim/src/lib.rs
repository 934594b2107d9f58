//! zoom-sim
