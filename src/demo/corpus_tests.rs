//! Tests of the demo corpus.
use super::*;

fn len_in(s: &str, lo: usize, hi: usize) -> bool {
    (lo..=hi).contains(&char_len(s))
}

/// Plain Chinese text: no unexpanded markers, Latin letters or control characters.
fn assert_clean(s: &str) {
    let bad = |c: char| c.is_control() || c.is_ascii_alphabetic() || c == '{' || c == '}';
    assert!(
        !s.contains(bad) && !s.contains("。。") && !s.contains("，，"),
        "{s}"
    );
}

#[test]
fn deterministic_per_seed() {
    let run = |seed| {
        let mut rng = Rng::new(seed);
        let v: Vec<_> = (0..300)
            .map(|i| {
                (
                    person(&mut rng),
                    matter(&mut rng),
                    result(&mut rng, i),
                    note(&mut rng),
                )
            })
            .collect();
        v
    };
    assert_eq!(run(7), run(7));
    assert_ne!(run(7), run(8));
}

#[test]
fn id_check_digit_known_numbers() {
    // The two examples from GB 11643-1999.
    for id in ["11010519491231002X", "440524188001010014"] {
        assert_eq!(id_number_check_digit(&id[..17]), id.chars().last());
    }
    assert_eq!(id_number_check_digit("11010519491231003"), Some('8'));
    for bad in [
        "1101051949123100",
        "110105194912310021",
        "1101051949123100A",
        "１１０１０５１９４９１２３１０",
    ] {
        assert_eq!(id_number_check_digit(bad), None, "{bad}");
    }
}

#[test]
fn people_are_well_formed() {
    let mut rng = Rng::new(2024);
    let (mut x_seen, mut long_names) = (false, 0);
    for _ in 0..50_000 {
        let p = person(&mut rng);
        let id = &p.id_number;
        assert_eq!(id.len(), 18, "{id}");
        assert_eq!(id_number_check_digit(&id[..17]), id.chars().last(), "{id}");
        x_seen |= id.ends_with('X');
        let num = |a: usize, b: usize| id[a..b].parse::<u64>().unwrap();
        let (y, m, d) = (num(6, 10), num(10, 12), num(12, 14));
        assert!((1940..=2005).contains(&y) && (1..=12).contains(&m), "{id}");
        assert!(
            (1..=days_in_month(y, m)).contains(&d) && num(14, 17) > 0,
            "{id}"
        );
        let ph = p.phone.as_bytes();
        assert!(
            ph.len() == 11 && ph.iter().all(u8::is_ascii_digit),
            "{}",
            p.phone
        );
        assert!(
            ph[0] == b'1' && (b'3'..=b'9').contains(&ph[1]),
            "{}",
            p.phone
        );
        assert!(len_in(&p.name, 2, 4), "{}", p.name);
        long_names += usize::from(char_len(&p.name) == 4);
        assert!(p.address.starts_with(data::PROVINCE_CITY) && p.address.contains('号'));
        assert_clean(&p.name);
        assert_clean(&p.address);
    }
    assert!(x_seen && long_names < 1_000, "{long_names}");
}

#[test]
fn matters_are_well_formed() {
    const N: usize = 60_000;
    let mut rng = Rng::new(99);
    let mut kinds = [0usize; 6];
    let (mut reports, mut dept_reports, mut accused_complaints) = (0, 0, 0);
    let mut contents = std::collections::BTreeSet::new();
    for _ in 0..N {
        let m = matter(&mut rng);
        assert!(m.kind < KINDS.len() && m.category < CATEGORIES.len());
        kinds[m.kind] += 1;
        assert!(len_in(&m.subject, 8, 24), "subject {}", m.subject);
        assert!(len_in(&m.content, 60, 300), "content {}", m.content);
        assert!(len_in(&m.demands, 10, 40), "demands {}", m.demands);
        assert!(
            !m.subject.contains("问题的"),
            "fallback subject {}",
            m.subject
        );
        assert!(
            !m.demands.starts_with("希望有关部门依法处理"),
            "{}",
            m.demands
        );
        [&m.subject, &m.content, &m.demands]
            .iter()
            .for_each(|s| assert_clean(s));
        match (&m.accused_unit, m.kind) {
            (None, 1) => panic!("举报 without accused unit: {}", m.content),
            (Some(u), k) => {
                assert!(
                    k <= 1 && m.content.contains(u.as_str()),
                    "{u}: {}",
                    m.content
                );
                let is_dept = DEPARTMENTS.iter().any(|d| d.name == u);
                reports += usize::from(k == 1);
                dept_reports += usize::from(k == 1 && is_dept);
                accused_complaints += usize::from(k == 0);
            }
            _ => {}
        }
        contents.insert(m.content);
    }
    for (k, w) in data::KIND_WEIGHTS.into_iter().enumerate() {
        let expect = N * w as usize / 100;
        assert!(kinds[k].abs_diff(expect) < expect / 8 + 50, "{kinds:?}");
    }
    assert!(
        (25..=42).contains(&(dept_reports * 100 / reports)),
        "{dept_reports}/{reports}"
    );
    assert!(accused_complaints > N / 20, "{accused_complaints}");
    assert!(
        contents.len() > N * 99 / 100,
        "only {} distinct contents",
        contents.len()
    );
}

#[test]
fn casework_texts_are_well_formed() {
    let mut rng = Rng::new(5);
    for i in 0..20_000 {
        let (n, r) = (note(&mut rng), result(&mut rng, i % (CATEGORIES.len() + 3)));
        let (f, why, body) = (
            feedback(&mut rng),
            reason(&mut rng),
            transfer_body(&mut rng),
        );
        assert!(len_in(&n, 20, 80) && len_in(&r, 30, 120), "{n} / {r}");
        assert!(len_in(&f, 15, 60) && len_in(&why, 8, 30), "{f} / {why}");
        assert!(!DEPARTMENTS.iter().any(|d| d.name == body) && !body.is_empty());
        [n.as_str(), &r, &f, &why, body]
            .iter()
            .for_each(|s| assert_clean(s));
    }
}

#[test]
fn tables_are_consistent() {
    let n = CATEGORIES.len();
    assert!(CATS.len() == n && data::CAT_WEIGHTS.len() == n && data::REPORT_WEIGHTS.len() == n);
    assert_eq!(data::DEPT_SHORT.len(), DEPARTMENTS.len());
    for (i, d) in DEPARTMENTS.iter().enumerate() {
        assert!(
            DEPARTMENTS[..i]
                .iter()
                .all(|e| e.code != d.code && e.name != d.name)
        );
        assert!(
            CATEGORIES.iter().any(|c| c.dept == i),
            "{} handles nothing",
            d.name
        );
    }
    for c in CATS {
        let lists = [
            c.units,
            c.who,
            c.tried,
            c.impacts,
            c.questions,
            c.suggestions,
            c.results,
        ];
        assert!(
            lists.iter().all(|l| !l.is_empty()) && !c.issues.is_empty() && !c.reports.is_empty()
        );
        assert!(c.suggestions.iter().all(|s| s.contains('|')));
    }
}

/// `cargo test --release -- --ignored --nocapture speed`
#[test]
#[ignore]
fn speed() {
    const N: u32 = 1_000_000;
    let mut rng = Rng::new(1);
    let start = std::time::Instant::now();
    let bytes: usize = (0..N)
        .map(|_| person(&mut rng).name.len() + matter(&mut rng).content.len())
        .sum();
    let secs = start.elapsed().as_secs_f64();
    println!(
        "{N} persons+matters in {secs:.2}s = {:.0}/s ({bytes} bytes)",
        f64::from(N) / secs
    );
}
