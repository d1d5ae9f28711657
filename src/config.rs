//! Where things live: the data and config directories.

use std::path::{Path, PathBuf};

use etcetera::BaseStrategy;

/// `--data DIR`, else `$XINFANG_DATA`, else the XDG data directory (`~/.local/share/xinfang`).
pub fn data_dir(flag: Option<&Path>) -> anyhow::Result<PathBuf> {
    if let Some(p) = flag {
        return Ok(p.to_path_buf());
    }
    if let Some(p) = std::env::var_os("XINFANG_DATA").filter(|v| !v.is_empty()) {
        return Ok(PathBuf::from(p));
    }
    let base = etcetera::choose_base_strategy()
        .map_err(|e| anyhow::anyhow!("cannot find the home directory: {e}"))?;
    Ok(base.data_dir().join("xinfang"))
}

/// `$XINFANG_CONFIG_DIR`, else `$XDG_CONFIG_HOME/xinfang`, else `~/.config/xinfang`; `None`
/// without a home directory, so the desk still starts on its built-in defaults.
pub fn config_dir() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("XINFANG_CONFIG_DIR").filter(|v| !v.is_empty()) {
        return Some(PathBuf::from(p));
    }
    let base = etcetera::choose_base_strategy().ok()?;
    Some(base.config_dir().join("xinfang"))
}

/// Creates the data directory readable by its owner only: it holds personal data.
pub fn ensure_private_dir(dir: &Path) -> std::io::Result<()> {
    use std::os::unix::fs::{DirBuilderExt, PermissionsExt};
    if !dir.exists() {
        std::fs::DirBuilder::new()
            .recursive(true)
            .mode(0o700)
            .create(dir)?;
    } else if dir.metadata()?.permissions().mode() & 0o077 != 0 && dir.read_dir()?.next().is_none()
    {
        std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700))?;
    }
    Ok(())
}

/// The OS login name of the person running this process: `$USER`/`$LOGNAME`, else the
/// name of this process's uid (cron jobs and services have no `$USER`).
pub fn os_login() -> String {
    for var in ["USER", "LOGNAME"] {
        if let Ok(v) = std::env::var(var)
            && !v.trim().is_empty()
        {
            return v.trim().to_string();
        }
    }
    crate::os_user::login_of(crate::os_user::my_uid()).unwrap_or_else(|| "owner".to_string())
}

/// Where a server keeps its log and backups: `$STATE_DIRECTORY` (systemd's `StateDirectory=`),
/// else `$XDG_STATE_HOME/xinfang`, else `~/.local/state/xinfang`.
pub fn state_dir() -> anyhow::Result<PathBuf> {
    if let Some(p) = std::env::var_os("STATE_DIRECTORY").filter(|v| !v.is_empty()) {
        return Ok(PathBuf::from(p));
    }
    let base = etcetera::choose_base_strategy()
        .map_err(|e| anyhow::anyhow!("cannot find the home directory: {e}"))?;
    Ok(base
        .state_dir()
        .unwrap_or_else(|| base.data_dir())
        .join("xinfang"))
}
