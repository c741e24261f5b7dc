*** Settings ***
Documentation     A passing end-to-end style suite: three steps of a checkout.

*** Variables ***
${ITEMS}          3

*** Test Cases ***
Open Shop
    Log    Opening the shop
    Should Be Equal As Integers    ${ITEMS}    3

Add Items To Cart
    ${cart}=    Create List    apple    pear    plum
    Length Should Be    ${cart}    ${ITEMS}

Pay
    Pay With    card
    Log    Paid

*** Keywords ***
Pay With
    [Arguments]    ${method}
    Should Be Equal    ${method}    card
