* Tonle analysis pack: golden, every submission received up to 2026-12-02T03:00:00Z
* Stata 14 or later: do labels.do (in the folder of the pack)
version 14
import delimited using "data.csv", varnames(1) case(preserve) encoding("utf-8") stringcols(_all) clear
destring weight v_in devices_phone devices_computer, replace
label define sex_c 1 `"female"' 2 `"male"', replace
tempvar t
encode sex, generate(`t') label(sex_c)
drop sex
rename `t' sex
label language en, rename
label variable instanceId `"Submission id, made on the phone"'
label variable formVersion `"Version of the form the interview was made with"'
label variable collectedAt `"When the interview was made"'
label variable receivedAt `"When the server received it"'
label variable weight `"Survey design weight"'
label variable submittedBy `"Interviewer: the account that sent it"'
label variable reviewState `"Review state"'
label variable stratum `"Sampling stratum, as the server computes it"'
label variable psu `"Primary sampling unit (village); own:… a respondent who is their own unit"'
label variable household `"Household, as the server computes it (empty: a household of one)"'
label variable sex `"Sex"'
label variable v_in `"Years in the village"'
label variable devices_phone `"Devices used: Phone"'
label variable devices_computer `"Devices used: Computer"'
label variable phone_brand_as_written_by_the_re `"The phone's brand"'
label define sex_en 1 `"Female"' 2 `"Male"', replace
label values sex sex_en
label define devices_phone_en 0 `"Not selected"' 1 `"Selected"', replace
label values devices_phone devices_phone_en
label define devices_computer_en 0 `"Not selected"' 1 `"Selected"', replace
label values devices_computer devices_computer_en
label language km, new
label variable instanceId `"លេខសម្គាល់ការបញ្ជូន ដែលបង្កើតនៅលើទូរស័ព្ទ"'
label variable formVersion `"កំណែទម្រង់បែបបទដែលប្រើក្នុងការសម្ភាសន៍"'
label variable collectedAt `"ពេលដែលការសម្ភាសន៍ត្រូវបានធ្វើ"'
label variable receivedAt `"ពេលដែលម៉ាស៊ីនមេបានទទួល"'
label variable weight `"ទម្ងន់នៃការរចនាគំរូ"'
label variable submittedBy `"អ្នកសម្ភាសន៍៖ គណនីដែលបានផ្ញើ"'
label variable reviewState `"ស្ថានភាពនៃការត្រួតពិនិត្យ"'
label variable stratum `"ស្រទាប់គំរូ ដូចដែលម៉ាស៊ីនមេគណនា"'
label variable psu `"ឯកតាគំរូបឋម (ភូមិ)៖ own:… អ្នកឆ្លើយដែលជាឯកតាផ្ទាល់ខ្លួន"'
label variable household `"គ្រួសារ ដូចដែលម៉ាស៊ីនមេគណនា (ទទេ៖ គ្រួសារមានមនុស្សម្នាក់)"'
label variable sex `"ភេទ"'
label variable v_in `"ចំនួនឆ្នាំនៅក្នុងភូមិ"'
label variable devices_phone `"ឧបករណ៍ដែលប្រើ៖ ទូរស័ព្ទ"'
label variable devices_computer `"ឧបករណ៍ដែលប្រើ៖ កុំព្យូទ័រ"'
label variable phone_brand_as_written_by_the_re `"ម៉ាកទូរស័ព្ទ"'
label define sex_km 1 `"ស្រី"' 2 `"ប្រុស"', replace
label values sex sex_km
label define devices_phone_km 0 `"មិនបានជ្រើសរើស"' 1 `"បានជ្រើសរើស"', replace
label values devices_phone devices_phone_km
label define devices_computer_km 0 `"មិនបានជ្រើសរើស"' 1 `"បានជ្រើសរើស"', replace
label values devices_computer devices_computer_km
label language en
* the sample design: villages (PSUs) within strata, the design weight
egen long tonle_psu = group(psu)
egen long tonle_stratum = group(stratum)
svyset tonle_psu [pweight = weight], strata(tonle_stratum) singleunit(centered)
