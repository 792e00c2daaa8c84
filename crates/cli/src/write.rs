//! Writing a bundle to a folder, safely.

use eksplan_core::Bundle;
use eksplan_core::emit::all_paths;
use std::path::Path;

use crate::input::CliError;

/// Write `bundle` under `dir`. A folder that already holds files is only
/// written with `force`; then files of an earlier bundle that this one no
/// longer has are removed, and nothing else is touched (Terraform state and
/// `.terraform/` stay).
pub fn bundle_to_dir(bundle: &Bundle, dir: &Path, force: bool) -> Result<(), CliError> {
    let io = |path: &Path| {
        let path = path.to_owned();
        move |source| CliError::Write { path, source }
    };
    if dir.exists() {
        let non_empty = std::fs::read_dir(dir).map_err(io(dir))?.next().is_some();
        if non_empty && !force {
            return Err(CliError::Usage(format!(
                "{} is not empty; pass --force to regenerate into it (Terraform state is kept)",
                dir.display()
            )));
        }
    }
    for stale in all_paths().filter(|p| bundle.get(p).is_none()) {
        let path = dir.join(stale);
        if path.is_file() {
            std::fs::remove_file(&path).map_err(io(&path))?;
        }
    }
    for (rel, contents) in bundle.files() {
        let path = dir.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(io(parent))?;
        }
        std::fs::write(&path, contents).map_err(io(&path))?;
        #[cfg(unix)]
        if rel.ends_with(".sh") {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755))
                .map_err(io(&path))?;
        }
    }
    Ok(())
}
