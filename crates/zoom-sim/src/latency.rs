//! Simulated network latency, so benchmarks against the simulator resemble a real network:
//! every answer waits `base + per_item × items + uniform(0..jitter)`.

use std::time::Duration;

use rand::RngExt;
use serde::{Deserialize, Serialize};

/// Delay added to every API answer. The default is no delay.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Latency {
    /// Fixed delay of every answer.
    #[serde(rename = "base_ms", with = "millis")]
    pub base: Duration,
    /// Extra delay per item in a listed page.
    #[serde(rename = "per_item_ms", with = "millis")]
    pub per_item: Duration,
    /// Upper bound of a uniformly drawn extra delay.
    #[serde(rename = "jitter_ms", with = "millis")]
    pub jitter: Duration,
}

impl Latency {
    /// A fixed delay with no per-item cost or jitter.
    pub fn fixed(base: Duration) -> Self {
        Latency {
            base,
            ..Latency::default()
        }
    }

    /// The delay for an answer listing `items` items.
    pub fn delay(&self, items: usize) -> Duration {
        let jitter = if self.jitter.is_zero() {
            Duration::ZERO
        } else {
            rand::rng().random_range(Duration::ZERO..self.jitter)
        };
        self.base
            + self
                .per_item
                .saturating_mul(u32::try_from(items).unwrap_or(u32::MAX))
            + jitter
    }
}

/// Durations as whole milliseconds in JSON (`/_sim/latency`, `/_sim/faults`).
pub(crate) mod millis {
    use std::time::Duration;

    use serde::{Deserialize, Deserializer, Serializer};

    pub(crate) fn serialize<S: Serializer>(
        value: &Duration,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        serializer.serialize_u64(u64::try_from(value.as_millis()).unwrap_or(u64::MAX))
    }

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Duration, D::Error> {
        u64::deserialize(deserializer).map(Duration::from_millis)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delay_adds_base_per_item_and_bounded_jitter() {
        let latency = Latency {
            base: Duration::from_millis(100),
            per_item: Duration::from_millis(1),
            jitter: Duration::from_millis(10),
        };
        let delay = latency.delay(30);
        assert!(
            delay >= Duration::from_millis(130) && delay < Duration::from_millis(140),
            "{delay:?}"
        );
        assert_eq!(Latency::default().delay(300), Duration::ZERO);
    }

    #[test]
    fn serialises_as_milliseconds() {
        let json = serde_json::to_string(&Latency::fixed(Duration::from_millis(100)))
            .expect("plain struct");
        assert_eq!(json, r#"{"base_ms":100,"per_item_ms":0,"jitter_ms":0}"#);
    }
}
