//! Names in a Pulumi program: resource names (`private-a-subnet`) and
//! variable names (`privateASubnet`), each unique, never a keyword or a
//! name the program already uses (packages, `config`, `ctx`…).

use std::collections::{BTreeMap, BTreeSet};

use super::build::var_base;
use super::model::{Id, Program, Stmt};
use crate::design::{Ref, pulumi_style};

/// The Pulumi resource name of a design object: `kebab-case` key and kind
/// ([`pulumi_style`]), except that singletons keyed `this` are named for
/// their kind alone (`cluster`, `vpc`, `internet-gateway`).
pub(crate) fn pulumi_name(r: &Ref) -> String {
    let full = pulumi_style(r);
    match full.strip_prefix("this-") {
        Some(kind) if r.key == "this" => kind.to_owned(),
        _ => full,
    }
}

/// Variable names of one program in one language.
pub(crate) struct Vars {
    by_id: BTreeMap<Id, String>,
    docs: BTreeMap<String, String>,
}

impl Vars {
    /// Name every resource, lookup and document of `p`, avoiding `reserved`.
    pub fn new(p: &Program, reserved: &[&str]) -> Vars {
        let reserved: BTreeSet<&str> = reserved.iter().copied().collect();
        let mut used: BTreeSet<String> = BTreeSet::new();
        let mut take = |base: String| {
            let free = |name: &str, used: &BTreeSet<String>| {
                !reserved.contains(name) && !used.contains(name)
            };
            if free(&base, &used) {
                used.insert(base.clone());
                return base;
            }
            let mut n = 2;
            let mut name = format!("{base}{n}");
            while !free(&name, &used) {
                n += 1;
                name = format!("{base}{n}");
            }
            used.insert(name.clone());
            name
        };
        let mut by_id = BTreeMap::new();
        let mut docs = BTreeMap::new();
        for s in &p.stmts {
            match s {
                Stmt::Resource(r) => {
                    let base = match &r.id {
                        Id::Obj(o) => var_base(o),
                        Id::Extra(name) => name.clone(),
                    };
                    by_id.insert(r.id.clone(), take(base));
                }
                Stmt::VpcLookup(r, _) => {
                    by_id.insert(Id::Obj(r.clone()), take(var_base(r)));
                }
                Stmt::Document { name, .. } => {
                    docs.insert(name.clone(), take(name.clone()));
                }
                _ => {}
            }
        }
        Vars { by_id, docs }
    }

    /// The variable of a resource or lookup. An identity the program does
    /// not declare (a planner bug) still gets a readable name.
    pub fn var(&self, id: &Id) -> String {
        self.by_id.get(id).cloned().unwrap_or_else(|| match id {
            Id::Obj(r) => var_base(r),
            Id::Extra(name) => name.clone(),
        })
    }

    /// The variable of a policy document.
    pub fn doc(&self, name: &str) -> String {
        self.docs
            .get(name)
            .cloned()
            .unwrap_or_else(|| name.to_owned())
    }

    /// Every variable, for tests.
    #[cfg(test)]
    pub fn all(&self) -> impl Iterator<Item = &String> {
        self.by_id.values().chain(self.docs.values())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::design::Kind;

    #[test]
    fn singletons_are_named_for_their_kind() {
        assert_eq!(pulumi_name(&Ref::new(Kind::Cluster, "this")), "cluster");
        assert_eq!(
            pulumi_name(&Ref::new(Kind::InternetGateway, "this")),
            "internet-gateway"
        );
        assert_eq!(
            pulumi_name(&Ref::new(Kind::Subnet, "private_a")),
            "private-a-subnet"
        );
    }
}
