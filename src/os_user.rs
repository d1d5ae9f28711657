//! Names of OS users and groups, through the C library so that LDAP and other NSS sources
//! a shared server uses are asked too, not only `/etc/passwd`.

use std::ffi::{CStr, CString};

/// Calls a `get*_r` lookup with a buffer that grows while the C library says it is too small.
fn lookup(mut call: impl FnMut(&mut [u8]) -> libc::c_int) {
    let mut buf = vec![0u8; 4096];
    while call(&mut buf) == libc::ERANGE && buf.len() < 1 << 20 {
        buf.resize(buf.len() * 2, 0);
    }
}

/// The login name of `uid`, or `None` when no source knows it.
pub fn login_of(uid: u32) -> Option<String> {
    let mut name = None;
    lookup(|buf| {
        // SAFETY: `pwd` and `buf` outlive the call; getpwuid_r writes only within `buf` and
        // sets `result` to null or to `pwd`, whose pw_name then points at a NUL-terminated
        // string inside `buf`, read before `buf` is touched again.
        let mut pwd: libc::passwd = unsafe { std::mem::zeroed() };
        let mut result: *mut libc::passwd = std::ptr::null_mut();
        let rc = unsafe {
            libc::getpwuid_r(
                uid,
                &mut pwd,
                buf.as_mut_ptr().cast(),
                buf.len(),
                &mut result,
            )
        };
        if rc == 0 && !result.is_null() && !pwd.pw_name.is_null() {
            name = Some(
                unsafe { CStr::from_ptr(pwd.pw_name) }
                    .to_string_lossy()
                    .into_owned(),
            );
        }
        rc
    });
    name
}

/// The id of the group `name`, or `None` when there is no such group.
pub fn group_id(name: &str) -> Option<u32> {
    let cname = CString::new(name).ok()?;
    let mut gid = None;
    lookup(|buf| {
        // SAFETY: as in `login_of`; `cname` is NUL-terminated and outlives the call.
        let mut grp: libc::group = unsafe { std::mem::zeroed() };
        let mut result: *mut libc::group = std::ptr::null_mut();
        let rc = unsafe {
            libc::getgrnam_r(
                cname.as_ptr(),
                &mut grp,
                buf.as_mut_ptr().cast(),
                buf.len(),
                &mut result,
            )
        };
        if rc == 0 && !result.is_null() {
            gid = Some(grp.gr_gid);
        }
        rc
    });
    gid
}

/// This process's user id.
pub fn my_uid() -> u32 {
    // SAFETY: getuid cannot fail and touches no memory.
    unsafe { libc::getuid() }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn root_is_named_and_an_unused_uid_is_not() {
        assert_eq!(login_of(0).as_deref(), Some("root"));
        assert_eq!(login_of(3_999_999_999), None);
        assert_eq!(group_id("root"), Some(0));
        assert_eq!(group_id("没有这个组"), None);
    }
}
