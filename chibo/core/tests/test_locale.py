def test_vietnamese_even_when_the_browser_asks_for_english(client, db):
    page = client.get("/accounts/login/", headers={"Accept-Language": "en-US,en;q=0.9"})
    assert "Đăng nhập" in page.content.decode()


def test_english_when_chosen_with_the_switch(client, db):
    client.post("/i18n/setlang/", {"language": "en", "next": "/accounts/login/"})
    page = client.get("/accounts/login/")
    assert "Sign in" in page.content.decode() or "Log in" in page.content.decode()
