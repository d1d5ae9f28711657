//! Departments, stored in their own format (`migrate::DEPT_FORMAT`) so that stores written
//! before departments had aliases still open.

use crate::domain::role::{Department, DeptId};

use super::write::Put;
use super::{Meta, Store, StoreError, codec, migrate};

impl Store {
    /// Every department, by id.
    pub fn departments(&self) -> Result<Vec<Department>, StoreError> {
        self.meta_tree(Meta::Depts)
            .iter()
            .map(|r| migrate::department(&r?.1))
            .collect()
    }

    pub fn department(&self, id: DeptId) -> Result<Option<Department>, StoreError> {
        self.meta_tree(Meta::Depts)
            .get(id.to_be_bytes())?
            .map(|v| migrate::department(&v))
            .transpose()
    }
}

impl Put {
    pub fn department(d: &Department) -> Result<Put, StoreError> {
        Ok(Put {
            tree: Meta::Depts,
            key: d.id.to_be_bytes().to_vec(),
            value: Some(codec::encode_as(migrate::DEPT_FORMAT, d)?),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_department_stored_before_aliases_still_reads() {
        #[derive(serde::Serialize)]
        struct Old<'a> {
            id: DeptId,
            name: &'a str,
            code: &'a str,
            active: bool,
        }
        let old = codec::encode(&Old {
            id: 3,
            name: "住房和城乡建设局",
            code: "zjj",
            active: true,
        })
        .unwrap();
        let d = migrate::department(&old).unwrap();
        assert_eq!(
            (d.id, d.name.as_str(), d.aliases.len()),
            (3, "住房和城乡建设局", 0)
        );
        let mut d = d;
        d.aliases = vec!["市住建局".into()];
        let new = Put::department(&d).unwrap().value.unwrap();
        assert_eq!(migrate::department(&new).unwrap(), d);
    }
}
