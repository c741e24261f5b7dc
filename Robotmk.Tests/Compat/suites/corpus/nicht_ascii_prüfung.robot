*** Test Cases ***
Grüße Aus Köln 日本語 🚀
    Log    Schöne Grüße ✅ <b>&</b> "quoted" ]]> </msg>

Fehler Mit Ümlaut
    Fail    Prüfung fehlgeschlagen: 日本語 🚀 & <tag>
