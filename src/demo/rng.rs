//! A small deterministic pseudo-random number generator for demo data.
//!
//! xoshiro256** seeded through SplitMix64. Only integer arithmetic is used, so
//! a given seed yields exactly the same sequence on every platform and in
//! every build profile. Not suitable for anything security related.

/// Deterministic PRNG (xoshiro256**, seeded via SplitMix64).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rng {
    s: [u64; 4],
}

/// One SplitMix64 step: advances `state` and returns the mixed output.
fn splitmix64(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

impl Rng {
    /// Creates a generator from a seed. Every seed (including 0) is valid.
    pub fn new(seed: u64) -> Rng {
        let mut sm = seed;
        let s = [
            splitmix64(&mut sm),
            splitmix64(&mut sm),
            splitmix64(&mut sm),
            splitmix64(&mut sm),
        ];
        Rng { s }
    }

    /// Next raw 64-bit output.
    pub fn next_u64(&mut self) -> u64 {
        let result = self.s[1].wrapping_mul(5).rotate_left(7).wrapping_mul(9);
        let t = self.s[1] << 17;
        self.s[2] ^= self.s[0];
        self.s[3] ^= self.s[1];
        self.s[1] ^= self.s[2];
        self.s[0] ^= self.s[3];
        self.s[2] ^= t;
        self.s[3] = self.s[3].rotate_left(45);
        result
    }

    /// Uniform integer in `0..n` (unbiased, Lemire's multiply-and-reject).
    /// Returns 0 when `n == 0`.
    pub fn below(&mut self, n: u64) -> u64 {
        if n == 0 {
            return 0;
        }
        let mut m = u128::from(self.next_u64()) * u128::from(n);
        let mut low = m as u64;
        if low < n {
            let threshold = n.wrapping_neg() % n;
            while low < threshold {
                m = u128::from(self.next_u64()) * u128::from(n);
                low = m as u64;
            }
        }
        (m >> 64) as u64
    }

    /// Uniform integer in `lo..=hi`. If `hi < lo` the bounds are swapped.
    pub fn range(&mut self, lo: u64, hi: u64) -> u64 {
        let (lo, hi) = if hi < lo { (hi, lo) } else { (lo, hi) };
        let span = hi - lo;
        if span == u64::MAX {
            return self.next_u64();
        }
        lo + self.below(span + 1)
    }

    /// True with probability `percent`/100 (`percent >= 100` is always true).
    pub fn chance(&mut self, percent: u32) -> bool {
        self.below(100) < u64::from(percent)
    }

    /// A uniformly chosen element of `items`.
    ///
    /// # Panics
    ///
    /// Panics if `items` is empty. Callers pass non-empty static lists.
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        let i = self.below(items.len() as u64) as usize;
        &items[i]
    }

    /// An index into `weights`, chosen with probability proportional to its
    /// weight. Entries with weight 0 are never chosen unless every weight is
    /// 0 (or the slice is empty), in which case 0 is returned.
    pub fn weighted(&mut self, weights: &[u32]) -> usize {
        let total: u64 = weights.iter().map(|&w| u64::from(w)).sum();
        if total == 0 {
            return 0;
        }
        let mut r = self.below(total);
        for (i, &w) in weights.iter().enumerate() {
            let w = u64::from(w);
            if r < w {
                return i;
            }
            r -= w;
        }
        // Unreachable: r < total. Fall back to the last non-zero weight.
        weights.iter().rposition(|&w| w > 0).unwrap_or(0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_sequence() {
        let mut a = Rng::new(42);
        let mut b = Rng::new(42);
        for _ in 0..1000 {
            assert_eq!(a.next_u64(), b.next_u64());
        }
        let mut c = Rng::new(43);
        let mut a = Rng::new(42);
        let same = (0..100).filter(|_| a.next_u64() == c.next_u64()).count();
        assert!(same < 3);
    }

    #[test]
    fn golden_values_are_stable() {
        // Pinned so any change to the algorithm (and so to all demo data) is noticed.
        let mut r = Rng::new(0);
        let first: Vec<u64> = (0..3).map(|_| r.next_u64()).collect();
        assert_eq!(first, GOLDEN_SEED0);
        let mut sm = 0u64;
        assert_eq!(splitmix64(&mut sm), 0xE220_A839_7B1D_CDAF);
    }

    // Checked against the reference C implementation (xoshiro256** + splitmix64).
    const GOLDEN_SEED0: [u64; 3] = [
        11091344671253066420,
        13793997310169335082,
        1900383378846508768,
    ];

    #[test]
    fn below_bounds() {
        let mut r = Rng::new(7);
        assert_eq!(r.below(0), 0);
        assert_eq!(r.below(1), 0);
        for n in [2u64, 3, 7, 10, 100, 1 << 33, u64::MAX] {
            for _ in 0..2000 {
                assert!(r.below(n) < n);
            }
        }
        let mut seen = [false; 6];
        for _ in 0..1000 {
            seen[r.below(6) as usize] = true;
        }
        assert!(seen.iter().all(|&s| s));
    }

    #[test]
    fn range_inclusive_and_swapped() {
        let mut r = Rng::new(9);
        let mut hit_lo = false;
        let mut hit_hi = false;
        for _ in 0..2000 {
            let v = r.range(3, 6);
            assert!((3..=6).contains(&v));
            hit_lo |= v == 3;
            hit_hi |= v == 6;
            let w = r.range(6, 3);
            assert!((3..=6).contains(&w));
        }
        assert!(hit_lo && hit_hi);
        assert_eq!(r.range(5, 5), 5);
        let _ = r.range(0, u64::MAX);
    }

    #[test]
    fn chance_extremes() {
        let mut r = Rng::new(1);
        for _ in 0..500 {
            assert!(!r.chance(0));
            assert!(r.chance(100));
        }
        let hits = (0..10_000).filter(|_| r.chance(30)).count();
        assert!((2500..3500).contains(&hits), "{hits}");
    }

    #[test]
    fn pick_covers_items() {
        let mut r = Rng::new(5);
        let items = ["a", "b", "c"];
        let mut seen = [false; 3];
        for _ in 0..300 {
            let p = r.pick(&items);
            seen[items.iter().position(|x| x == p).unwrap_or(0)] = true;
        }
        assert!(seen.iter().all(|&s| s));
    }

    #[test]
    fn weighted_respects_zero_weights() {
        let mut r = Rng::new(11);
        let weights = [0, 5, 0, 1, 0];
        let mut counts = [0u32; 5];
        for _ in 0..20_000 {
            counts[r.weighted(&weights)] += 1;
        }
        assert_eq!(counts[0], 0);
        assert_eq!(counts[2], 0);
        assert_eq!(counts[4], 0);
        assert!(counts[1] > counts[3] * 3);
        assert!(counts[3] > 0);
        assert_eq!(r.weighted(&[]), 0);
        assert_eq!(r.weighted(&[0, 0]), 0);
        assert_eq!(r.weighted(&[0, 0, 9]), 2);
    }
}
