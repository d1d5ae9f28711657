use std::io::Read;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;

use super::*;
use crate::domain::time::Timestamp;
use crate::width::width;

/// A document with every mark, as a template renders one.
const DOC: &str = "\
# 受理告知书
= 某信告〔2026〕15号

张三：
您于2026年3月12日反映的小区电梯停运问题，经审查，符合《信访工作条例》第二十二条规定的受理条件，本机关已依法受理，将在60日内办结并书面答复。
## 一、基本情况
| 姓名 | 张三 | 电话 | 13800000000 |
| 案件编号 | XF2026-0001 | 渠道 | 来访 |
| 诉求内容 | 小区电梯已停运三天，物业不予维修，老人上下楼困难。 |

> 某市信访局
> 2026年3月15日
> 〔印章〕
---
= 回执（存根）
";

fn meta() -> Meta {
    Meta {
        title: "受理告知书 <某信告〔2026〕15号> & 回执".into(),
        // 2026-03-15 09:30 +08:00
        issued_at: Timestamp(1_773_538_200),
    }
}

fn part(docx: &[u8], name: &str) -> String {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(docx)).expect("a zip archive");
    let mut s = String::new();
    zip.by_name(name)
        .unwrap_or_else(|_| panic!("{name} in the package"))
        .read_to_string(&mut s)
        .unwrap();
    s
}

#[test]
fn the_marks_are_read() {
    let blocks = parse("# 题\n## 小\n= 中\n> 右\n| a | b |\n|c|\n---\n\n正文\n#不是标题\n");
    assert_eq!(
        blocks,
        [
            Block::Title("题".into()),
            Block::Heading("小".into()),
            Block::Centre("中".into()),
            Block::Right("右".into()),
            Block::Table(vec![vec!["a".into(), "b".into()], vec!["c".into()]]),
            Block::Cut,
            Block::Gap,
            Block::Body("正文".into()),
            Block::Body("#不是标题".into()),
        ]
    );
    // Control characters never reach a file or a terminal.
    assert_eq!(
        parse("正\u{1b}[2J文\u{0}\r\n"),
        [Block::Body("正[2J文".into())]
    );
}

#[test]
fn a_docx_is_an_ooxml_package_with_the_text_the_fonts_and_the_page() {
    let bytes = docx(DOC, &meta()).unwrap();
    let types = part(&bytes, "[Content_Types].xml");
    assert!(
        types.contains("wordprocessingml.document.main+xml"),
        "{types}"
    );
    let doc = part(&bytes, "word/document.xml");
    for want in [
        "受理告知书",
        "某信告〔2026〕15号",
        "XF2026-0001",
        "小区电梯已停运三天",
        "符合《信访工作条例》第二十二条",
        "〔印章〕",
        "回执（存根）",
    ] {
        assert!(doc.contains(want), "{want} missing from document.xml");
    }
    // A4, the official margins, 仿宋 body and 黑体 title, fixed 28-point lines.
    assert!(doc.contains(r#"<w:pgSz w:w="11906" w:h="16838""#), "{doc}");
    for margin in [
        r#"w:top="2098""#,
        r#"w:bottom="1984""#,
        r#"w:left="1587""#,
        r#"w:right="1474""#,
    ] {
        assert!(doc.contains(margin), "{margin}");
    }
    assert!(doc.contains(r#"w:eastAsia="仿宋_GB2312""#));
    assert!(doc.contains(r#"w:eastAsia="黑体""#));
    assert!(doc.contains(r#"<w:sz w:val="44""#), "二号 title");
    assert!(doc.contains(r#"w:line="560" w:lineRule="exact""#), "{doc}");
    assert!(doc.contains(r#"w:firstLine="640""#), "two-character indent");
    assert!(doc.contains("<w:tbl>") && doc.contains(r#"<w:gridSpan w:val="3""#));
    assert!(doc.contains(r#"w:val="dashed""#), "the cut line");
    let styles = part(&bytes, "word/styles.xml");
    assert!(styles.contains(r#"w:eastAsia="仿宋_GB2312""#), "{styles}");
    assert!(styles.contains(r#"<w:sz w:val="32""#), "三号 by default");
    let fonts = part(&bytes, "word/fontTable.xml");
    assert!(fonts.contains(r#"<w:font w:name="仿宋_GB2312"><w:altName w:val="仿宋"/>"#));
    assert!(fonts.contains(r#"<w:altName w:val="SimHei"/>"#));
    // Page numbers "— 1 —" in the footer.
    let footer = part(&bytes, "word/footer1.xml");
    assert!(footer.contains(">PAGE<"), "{footer}");
    assert!(footer.contains("— ") && footer.contains(" —"), "{footer}");
    assert!(footer.contains(r#"<w:jc w:val="center""#), "{footer}");
    let core = part(&bytes, "docProps/core.xml");
    assert!(
        core.contains("<dc:title>受理告知书 &lt;某信告〔2026〕15号&gt; &amp; 回执</dc:title>"),
        "{core}"
    );
    assert!(
        core.contains(">2026-03-15T01:30:00Z</dcterms:created>"),
        "{core}"
    );
}

#[test]
fn the_same_document_gives_the_same_bytes() {
    let a = docx(DOC, &meta()).unwrap();
    let b = docx(DOC, &meta()).unwrap();
    assert!(a == b, "two files of one record differ");
    // Made on another thread, where docx-rs's own counters start afresh.
    let c = std::thread::spawn(|| docx(DOC, &meta()).unwrap())
        .join()
        .unwrap();
    assert!(a == c, "a file made on another thread differs");
    // No clock in the archive: every entry carries the zip format's epoch.
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(&a)).unwrap();
    for i in 0..zip.len() {
        let f = zip.by_index(i).unwrap();
        let t = f.last_modified().unwrap_or_default();
        assert_eq!((t.year(), t.month(), t.day()), (1980, 1, 1), "{}", f.name());
    }
}

#[test]
fn text_is_laid_out_by_display_width() {
    let t = text(DOC);
    let lines: Vec<&str> = t.lines().collect();
    for l in &lines {
        assert!(width(l) <= PAGE_CELLS, "wider than the page: {l:?}");
        assert_eq!(l.trim_end(), *l, "trailing spaces: {l:?}");
    }
    assert!(
        !t.contains("# ") && !t.contains("| ") && !t.contains("> "),
        "{t}"
    );
    // The title centred: as many cells on its left as would be on its right.
    let title = lines[0];
    assert_eq!(title.trim(), "受理告知书");
    let left = width(title) - width(title.trim_start());
    assert_eq!(left, (PAGE_CELLS - width("受理告知书")) / 2);
    // The body indented two characters; its continuation not.
    let body = lines.iter().position(|l| l.contains("您于")).unwrap();
    assert!(
        lines[body].starts_with("\u{3000}\u{3000}您于"),
        "{}",
        lines[body]
    );
    assert!(!lines[body + 1].starts_with(' ') && !lines[body + 1].starts_with('\u{3000}'));
    // The signature flush right.
    for sig in ["某市信访局", "2026年3月15日", "〔印章〕"] {
        let l = lines.iter().find(|l| l.contains(sig)).unwrap();
        assert_eq!(width(l), PAGE_CELLS, "{l:?}");
    }
    // The table's columns start at the same cell in every full row, Chinese or not.
    let col = |l: &str, cell: &str| width(&l[..l.find(cell).unwrap()]);
    let name = lines.iter().find(|l| l.starts_with("姓名")).unwrap();
    let number = lines.iter().find(|l| l.starts_with("案件编号")).unwrap();
    assert_eq!(
        col(name, "张三"),
        col(number, "XF2026-0001"),
        "{name}\n{number}"
    );
    assert_eq!(col(name, "电话"), col(number, "渠道"), "{name}\n{number}");
    assert_eq!(
        col(name, "13800000000"),
        col(number, "来访"),
        "{name}\n{number}"
    );
    // The long field runs over the remaining columns rather than widening its own.
    let claim = lines.iter().find(|l| l.starts_with("诉求内容")).unwrap();
    assert_eq!(col(claim, "小区"), col(name, "张三"), "{claim}");
    assert!(lines.iter().any(|l| l.starts_with("- - - -")), "{t}");
}

#[test]
fn a_table_wider_than_the_page_wraps_its_cells() {
    let long = "物业".repeat(30);
    let t = text(&format!("| 姓名 | {long} |\n| 电话 | 138 |"));
    for l in t.lines() {
        assert!(width(l) <= PAGE_CELLS, "{l:?}");
    }
    let all: String = t.chars().filter(|c| !c.is_whitespace()).collect();
    assert!(all.contains(&long), "{t}");
    assert_eq!(t.lines().filter(|l| l.starts_with("姓名")).count(), 1);
}

fn mode(p: &Path) -> u32 {
    std::fs::metadata(p).unwrap().permissions().mode() & 0o777
}

#[test]
fn files_are_private_and_never_written_over() {
    let d = tempfile::tempdir().unwrap();
    let dir = d.path().join("文书");
    let first = write(&dir, "受理告知书 XF2026-0001.docx", b"one").unwrap();
    assert_eq!(first, dir.join("受理告知书 XF2026-0001.docx"));
    assert_eq!(mode(&dir), 0o700);
    assert_eq!(mode(&first), 0o600);
    let second = write(&dir, "受理告知书 XF2026-0001.docx", b"two").unwrap();
    assert_eq!(second, dir.join("受理告知书 XF2026-0001 (2).docx"));
    assert_eq!(std::fs::read(&first).unwrap(), b"one");
    assert_eq!(std::fs::read(&second).unwrap(), b"two");
    assert_eq!(mode(&second), 0o600);
}

#[test]
fn a_link_at_the_name_is_not_written_through() {
    let d = tempfile::tempdir().unwrap();
    let dir = d.path().join("docs");
    std::fs::create_dir(&dir).unwrap();
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o700)).unwrap();
    let victim = d.path().join("victim");
    std::fs::write(&victim, "keep").unwrap();
    std::os::unix::fs::symlink(&victim, dir.join("回执.txt")).unwrap();
    // A dangling link too: creating through it would make a file elsewhere.
    std::os::unix::fs::symlink(d.path().join("elsewhere"), dir.join("回执 (2).txt")).unwrap();
    let p = write(&dir, "回执.txt", b"text").unwrap();
    assert_eq!(p, dir.join("回执 (3).txt"));
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "keep");
    assert!(!d.path().join("elsewhere").exists());
    // A file the user names is no different.
    let out = write_to(&dir.join("回执.txt"), b"again").unwrap();
    assert_eq!(out, dir.join("回执 (4).txt"));
    assert_eq!(mode(&out), 0o600);
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "keep");
}

#[test]
fn a_directory_others_can_read_is_refused() {
    let d = tempfile::tempdir().unwrap();
    let dir = d.path().join("shared");
    std::fs::create_dir(&dir).unwrap();
    std::fs::write(dir.join("old.docx"), "").unwrap();
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o755)).unwrap();
    let e = write(&dir, "回执.docx", b"x").unwrap_err().to_string();
    assert!(e.contains("chmod 700"), "{e}");
    assert!(!dir.join("回执.docx").exists());
}

#[test]
fn names_are_cleaned_and_bounded() {
    assert_eq!(clean_name("../../etc/passwd"), "_.._etc_passwd");
    assert_eq!(clean_name("a/b\\c.docx"), "a_b_c.docx");
    assert_eq!(clean_name("回执\u{0}\u{1b}\u{202e}.txt"), "回执.txt");
    assert_eq!(clean_name("  .隐藏.docx "), "隐藏.docx");
    assert_eq!(clean_name(".."), "xinfang");
    assert_eq!(clean_name(".docx"), "docx");
    let long = clean_name(&format!("{}.docx", "告".repeat(200)));
    assert!(long.len() <= 200 && long.ends_with("告.docx"), "{long}");
}

#[test]
fn the_documents_directory_comes_from_the_config_file_or_the_home() {
    let dir_with = |text: &str| {
        let d = tempfile::tempdir().unwrap();
        std::fs::write(d.path().join("config.toml"), text).unwrap();
        d
    };
    let d = dir_with("theme = \"light\"\ndocuments_dir = \"/srv/公文\"\n");
    assert_eq!(
        crate::config::documents_dir(Some(d.path())).unwrap(),
        Path::new("/srv/公文")
    );
    // The desk reads the same file and takes the setting as its own.
    let (_, problems) = crate::tui::prefs::Prefs::load(Some(d.path()));
    assert!(problems.is_empty(), "{problems:?}");
    let d = dir_with("documents_dir = \"~/公文\"\n");
    let p = crate::config::documents_dir(Some(d.path())).unwrap();
    assert!(p.is_absolute() && p.ends_with("公文"), "{}", p.display());
    let d = dir_with("theme = \"light\"\ndocuments_dir = \"公文\"\n");
    let e = crate::config::documents_dir(Some(d.path()))
        .unwrap_err()
        .to_string();
    assert!(
        e.contains("config.toml line 2") && e.contains("公文"),
        "{e}"
    );
    let e = crate::config::documents_dir(Some(d.path())).unwrap_err();
    let said = crate::lang::Lang::Zh
        .words()
        .message(&crate::lang::Message::Config(
            e.downcast_ref().expect("a config error"),
        ));
    assert!(
        said.contains("第2行") && said.contains("绝对路径"),
        "{said}"
    );
    let d = dir_with("documents_dir = 公文\n");
    let e = crate::config::documents_dir(Some(d.path()))
        .unwrap_err()
        .to_string();
    assert!(e.contains("config.toml line 1"), "{e}");
    // None set: under the user's documents, never the working directory.
    let p = crate::config::documents_dir(None).unwrap();
    assert!(p.is_absolute() && p.ends_with("xinfang"), "{}", p.display());
}
