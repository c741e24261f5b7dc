*** Settings ***
Documentation     A suite with one failing test, so the server shows a red result.

*** Test Cases ***
Login Works
    Should Be True    1 + 1 == 2

Search Finds Product
    Should Be Equal    found    not found    msg=search returned nothing

Logout Works
    Log    bye
