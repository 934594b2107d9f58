//! zoom-api
