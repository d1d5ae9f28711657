use super::*;

fn month_files(dir: &Path) -> Vec<PathBuf> {
    files(dir).unwrap_or_else(|e| panic!("{e}"))
}

fn write(dir: &Path, payloads: &[(&str, &[u8])]) -> Journal {
    let (mut j, _) = Journal::open(dir, |_| Ok(())).unwrap_or_else(|e| panic!("{e}"));
    for (month, p) in payloads {
        j.append(p, month).unwrap_or_else(|e| panic!("{e}"));
    }
    j
}

fn read_all(dir: &Path) -> (Vec<Record>, Opened) {
    let mut out = Vec::new();
    let (_, opened) = Journal::open(dir, |r| {
        out.push(r.clone());
        Ok(())
    })
    .unwrap_or_else(|e| panic!("{e}"));
    (out, opened)
}

#[test]
fn records_come_back_in_order_across_months_and_go_on_after_a_reopen() {
    let d = tempfile::tempdir().unwrap();
    write(
        d.path(),
        &[
            ("2026-02", b"one"),
            ("2026-02", b"two"),
            ("2026-03", b"three"),
        ],
    );
    write(d.path(), &[("2026-03", b"four")]);
    let (records, opened) = read_all(d.path());
    let payloads: Vec<&[u8]> = records.iter().map(|r| r.payload.as_slice()).collect();
    assert_eq!(payloads, [&b"one"[..], b"two", b"three", b"four"]);
    assert_eq!(
        records.iter().map(|r| r.seq).collect::<Vec<_>>(),
        [1, 2, 3, 4]
    );
    assert_eq!(opened.last_seq, 4);
    assert_eq!(month_files(d.path()).len(), 2);
    let v = verify(month_files(d.path())).unwrap();
    assert_eq!(
        (v.records, v.first_seq, v.last_seq, v.damage),
        (4, Some(1), Some(4), None)
    );
}

#[test]
fn a_torn_tail_is_cut_reported_and_kept_aside() {
    let d = tempfile::tempdir().unwrap();
    write(
        d.path(),
        &[("2026-03", b"whole"), ("2026-03", b"also whole")],
    );
    let file = month_files(d.path())[0].clone();
    let len = std::fs::metadata(&file).unwrap().len();
    // A crash in the middle of the third append.
    let mut f = OpenOptions::new().append(true).open(&file).unwrap();
    f.write_all(&[9, 0, 0, 0, 1, 2, 3]).unwrap();
    drop(f);
    let (records, opened) = read_all(d.path());
    assert_eq!(records.len(), 2);
    assert!(
        matches!(&opened.cut, Some(Damage::TornTail { offset, bytes: 7, .. }) if *offset == len),
        "{:?}",
        opened.cut
    );
    assert_eq!(std::fs::metadata(&file).unwrap().len(), len);
    let aside = PathBuf::from(format!("{}.cut-{len}", file.display()));
    assert_eq!(std::fs::read(aside).unwrap(), [9, 0, 0, 0, 1, 2, 3]);
    // Appending goes on from the last whole record.
    write(d.path(), &[("2026-03", b"third")]);
    let (records, opened) = read_all(d.path());
    assert_eq!(records.last().map(|r| r.seq), Some(3));
    assert_eq!(opened.cut, None);
}

#[test]
fn a_flipped_byte_anywhere_is_found_with_its_sequence_number() {
    let d = tempfile::tempdir().unwrap();
    let payloads: Vec<Vec<u8>> = (0..20).map(|i| format!("记录 {i}").into_bytes()).collect();
    let list: Vec<(&str, &[u8])> = payloads.iter().map(|p| ("2026-03", p.as_slice())).collect();
    write(d.path(), &list);
    let file = month_files(d.path())[0].clone();
    let clean = std::fs::read(&file).unwrap();
    let record_len = |i: usize| HEADER + payloads[i].len();
    let start_of = |n: usize| (0..n).map(record_len).sum::<usize>();
    // A byte in the payload, checksum, sequence and link of record 8, and in its length.
    for within in [HEADER + 1, 5, 9, 20, 1] {
        let mut bad = clean.clone();
        bad[start_of(7) + within] ^= 0x40;
        std::fs::write(&file, &bad).unwrap();
        let v = verify(month_files(d.path())).unwrap();
        match v.damage {
            Some(
                Damage::Checksum { seq, .. }
                | Damage::Chain { seq, .. }
                | Damage::Length { seq, .. },
            ) => assert_eq!(seq, 8, "byte {within}"),
            other => panic!("byte {within}: {other:?}"),
        }
        assert_eq!(v.last_seq, Some(7));
        // Opening reads up to the damage and refuses to append after it.
        let (mut j, opened) = Journal::open(d.path(), |_| Ok(())).unwrap();
        assert!(opened.damage.is_some() && opened.cut.is_none());
        assert_eq!(opened.last_seq, 7);
        assert!(j.append(b"more", "2026-03").is_err());
    }
}

#[test]
fn a_removed_record_breaks_the_chain() {
    let d = tempfile::tempdir().unwrap();
    write(
        d.path(),
        &[("2026-03", b"a"), ("2026-03", b"b"), ("2026-03", b"c")],
    );
    let file = month_files(d.path())[0].clone();
    let data = std::fs::read(&file).unwrap();
    let one = HEADER + 1;
    let mut cut = data[..one].to_vec();
    cut.extend_from_slice(&data[2 * one..]);
    std::fs::write(&file, cut).unwrap();
    let v = verify(month_files(d.path())).unwrap();
    assert!(
        matches!(v.damage, Some(Damage::Chain { seq: 3, .. })),
        "{:?}",
        v.damage
    );
}

#[test]
fn a_damaged_length_in_the_last_record_is_not_taken_for_a_torn_tail() {
    let d = tempfile::tempdir().unwrap();
    write(d.path(), &[("2026-03", b"first"), ("2026-03", b"last one")]);
    let file = month_files(d.path())[0].clone();
    let mut bytes = std::fs::read(&file).unwrap();
    let last = HEADER + 5;
    bytes[last] ^= 0x01; // the last record claims one byte more than it has
    std::fs::write(&file, &bytes).unwrap();
    let (mut j, opened) = Journal::open(d.path(), |_| Ok(())).unwrap();
    assert_eq!(opened.cut, None, "nothing is cut");
    assert!(
        matches!(opened.damage, Some(Damage::Length { seq: 2, .. })),
        "{:?}",
        opened.damage
    );
    assert_eq!(std::fs::read(&file).unwrap(), bytes);
    assert!(j.append(b"more", "2026-03").is_err());
}

#[test]
fn a_journal_missing_its_first_files_is_found_out() {
    let d = tempfile::tempdir().unwrap();
    write(d.path(), &[("2026-02", b"feb"), ("2026-03", b"mar")]);
    std::fs::remove_file(&month_files(d.path())[0]).unwrap();
    let (_, opened) = Journal::open(d.path(), |_| Ok(())).unwrap();
    assert_eq!(
        opened.damage,
        Some(Damage::Gap {
            expected: 1,
            found: 2
        })
    );
}

#[test]
fn a_capped_read_stops_where_the_journal_stood_and_ignores_what_came_after() {
    let d = tempfile::tempdir().unwrap();
    write(d.path(), &[("2026-02", b"one"), ("2026-03", b"two")]);
    let files = month_files(d.path());
    let last = files.last().unwrap().clone();
    let cap = std::fs::metadata(&last).unwrap().len();
    // Half a record being appended as the check reads.
    let mut f = std::fs::OpenOptions::new()
        .append(true)
        .open(&last)
        .unwrap();
    std::io::Write::write_all(&mut f, &[9, 0, 0, 0, 1, 2]).unwrap();
    let capped = verify_records(Reader::capped(files.clone(), cap), &|| true)
        .unwrap()
        .unwrap();
    assert_eq!((capped.records, capped.damage), (2, None));
    // Read to the end, the half record is what it is.
    assert!(verify(files).unwrap().damage.is_some());
}
