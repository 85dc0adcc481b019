use super::*;

fn store() -> Account {
    Account::new(None, &["host".into(), "guest".into()])
}

fn named(name: &str) -> RoomChanges {
    RoomChanges {
        name: Some(name.into()),
        ..RoomChanges::default()
    }
}

#[test]
fn creating_a_room_twice_by_name_returns_the_same_room() {
    let mut store = store();
    let first = store.upsert_room(named("Standup")).unwrap();
    let second = store.upsert_room(named("standup")).unwrap();
    assert_eq!(first.id, second.id);
    assert_eq!(store.rooms().len(), 1);
    assert_eq!(first.id.len(), 24);
}

#[test]
fn codes_have_the_documented_shape_and_are_unique() {
    let mut store = store();
    let room = store.upsert_room(named("r")).unwrap();
    let all = store.create_codes_for_all_roles(&room.id).unwrap();
    assert_eq!(all.len(), 2);
    let again = store.create_codes_for_all_roles(&room.id).unwrap();
    assert_eq!(all[0].code, again[0].code, "existing codes are kept");
    let extra = store.create_code_for_role(&room.id, "guest").unwrap();
    assert_ne!(extra.code, all[1].code);
    let shape = |c: &str| {
        let parts: Vec<_> = c.split('-').map(str::len).collect();
        parts == [3, 4, 3] && c.bytes().all(|b| b == b'-' || b.is_ascii_lowercase())
    };
    assert!(store.codes().iter().all(|c| shape(&c.code)));
}

#[test]
fn a_disabled_room_refuses_code_calls_with_403() {
    let mut store = store();
    let room = store.upsert_room(named("r")).unwrap();
    let changes = RoomChanges {
        enabled: Some(false),
        ..RoomChanges::default()
    };
    store.update_room(&room.id, changes).unwrap();
    let refusal = store.list_codes(&room.id, None, None).unwrap_err();
    assert_eq!(refusal, Refusal::new(403, "Room is disabled"));
}

#[test]
fn unknown_roles_and_rooms_are_404() {
    let mut store = store();
    let room = store.upsert_room(named("r")).unwrap();
    assert_eq!(
        store
            .create_code_for_role(&room.id, "dj")
            .unwrap_err()
            .status,
        404
    );
    assert_eq!(
        store.list_codes("nope", None, None).unwrap_err().status,
        404
    );
}
